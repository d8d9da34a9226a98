import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { Card } from '../../lib/ui/page.js';
import { createVersionedSave, VersionConflictDialog } from '../../lib/ui/version-conflict.js';
import { settingsMessages } from './messages.js';

type Tenant = components['schemas']['Tenant'];
type TenantChange = { name: string; settings: Tenant['settings'] };

const LOCALES = ['zh-CN', 'en'] as const;

/** Every value the browser knows for `key`, with `current` kept even if the browser does not list it. */
function supported(key: 'currency' | 'timeZone', current: string): string[] {
  const values = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf(key) : [];
  return values.includes(current) ? values : [current, ...values];
}

/** The tenant's name, default currency, time zone and language: PATCH /v1/tenant with its version. */
export function TenantSection(props: { canEdit: boolean }) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const auth = useAuth();
  const [tenant, { mutate, refetch }] = createResource(() => unwrap(api.GET('/v1/tenant')));
  // Kept out here: a saved tenant replaces the resource's value, which renders the form anew.
  const [saved, setSaved] = createSignal(false);
  return (
    <Card title={t('tenant.title')}>
      <AsyncView resource={tenant} onRetry={() => void refetch()}>
        {(loaded) => (
          <TenantForm
            tenant={loaded}
            canEdit={props.canEdit}
            saved={saved()}
            setSaved={setSaved}
            onSaved={(result) => {
              mutate(result);
              auth.updateTenant(result);
            }}
            latest={() => unwrap(api.GET('/v1/tenant'))}
            save={(change, version) => unwrap(api.PATCH('/v1/tenant', { body: { ...change, version } }))}
          />
        )}
      </AsyncView>
    </Card>
  );
}

function TenantForm(props: {
  tenant: Tenant;
  canEdit: boolean;
  saved: boolean;
  setSaved: (saved: boolean) => void;
  onSaved: (tenant: Tenant) => void;
  save: (change: TenantChange, version: number) => Promise<Tenant>;
  latest: () => Promise<Tenant>;
}) {
  const t = useMessages(settingsMessages);
  const format = useFormat();
  const { locale } = useLocale();
  const form = createForm();
  const [name, setName] = createSignal(props.tenant.name);
  const [currency, setCurrency] = createSignal(props.tenant.settings.defaultCurrency);
  const [timezone, setTimezone] = createSignal(props.tenant.settings.timezone);
  const [tenantLocale, setTenantLocale] = createSignal(props.tenant.settings.locale);
  const setSaved = (value: boolean) => props.setSaved(value);

  // A newer version (after a conflict or a save) becomes what the form shows.
  createEffect(() => {
    setName(props.tenant.name);
    setCurrency(props.tenant.settings.defaultCurrency);
    setTimezone(props.tenant.settings.timezone);
    setTenantLocale(props.tenant.settings.locale);
  });

  const currencyNames = createMemo(() => new Intl.DisplayNames([locale()], { type: 'currency' }));
  const currencies = createMemo(() => supported('currency', currency()));
  const timezones = createMemo(() => supported('timeZone', timezone()));
  const versioned = createVersionedSave<Tenant, TenantChange>({ save: props.save, latest: props.latest });

  const submit = form.submit(async () => {
    setSaved(false);
    const result = await versioned.save(
      {
        name: name(),
        settings: { defaultCurrency: currency(), timezone: timezone(), locale: tenantLocale() },
      },
      props.tenant.version,
    );
    if (result) {
      setSaved(true);
      props.onSaved(result);
    }
  });

  return (
    <form class="form settings-form" onSubmit={submit} aria-describedby="tenant-version">
      <FormField
        name="name"
        label={t('tenant.name')}
        value={name()}
        onChange={setName}
        error={form.fieldError('name')}
        required
        disabled={!props.canEdit}
      />
      <div class="field">
        <label class="field__label" for="tenant-currency">
          {t('tenant.currency')}
        </label>
        <select
          id="tenant-currency"
          name="settings.defaultCurrency"
          class="field__input"
          value={currency()}
          disabled={!props.canEdit}
          aria-describedby="tenant-currency-hint"
          onChange={(event) => setCurrency(event.currentTarget.value)}
        >
          <For each={currencies()}>
            {(code) => (
              <option value={code}>
                {code} — {currencyNames().of(code) ?? code}
              </option>
            )}
          </For>
        </select>
        <p id="tenant-currency-hint" class="field__description">
          {t('tenant.currencyHint')}
        </p>
        <Show when={form.fieldError('settings.defaultCurrency')}>
          <p class="field__error">{form.fieldError('settings.defaultCurrency')}</p>
        </Show>
      </div>
      <div class="field">
        <label class="field__label" for="tenant-timezone">
          {t('tenant.timezone')}
        </label>
        <select
          id="tenant-timezone"
          name="settings.timezone"
          class="field__input"
          value={timezone()}
          disabled={!props.canEdit}
          onChange={(event) => setTimezone(event.currentTarget.value)}
        >
          <For each={timezones()}>{(zone) => <option value={zone}>{zone}</option>}</For>
        </select>
        <Show when={form.fieldError('settings.timezone')}>
          <p class="field__error">{form.fieldError('settings.timezone')}</p>
        </Show>
      </div>
      <div class="field">
        <label class="field__label" for="tenant-locale">
          {t('tenant.locale')}
        </label>
        <select
          id="tenant-locale"
          name="settings.locale"
          class="field__input"
          value={tenantLocale()}
          disabled={!props.canEdit}
          onChange={(event) => setTenantLocale(event.currentTarget.value as Tenant['settings']['locale'])}
        >
          <For each={LOCALES}>{(code) => <option value={code}>{t(`locale.${code}`)}</option>}</For>
        </select>
      </div>
      <p id="tenant-version" class="field__description">
        {t('tenant.version', {
          version: props.tenant.version,
          date: format.date(props.tenant.updatedAt, true),
        })}
      </p>
      <Show when={form.error() && !form.fieldError('name')}>
        <p class="form__error" role="alert">
          {form.error() instanceof Error ? (form.error() as Error).message : String(form.error())}
        </p>
      </Show>
      <Show when={props.canEdit}>
        <div class="form__actions">
          <Show when={props.saved}>
            <span class="form__saved" role="status">
              {t('action.saved')}
            </span>
          </Show>
          <Button type="submit" disabled={form.pending()}>
            {t('action.save')}
          </Button>
        </div>
      </Show>
      <VersionConflictDialog
        state={versioned}
        describe={(latest) => (
          <>
            <p>{t('tenant.conflictName', { name: latest.name })}</p>
            <p>
              {t('tenant.conflictSettings', {
                currency: latest.settings.defaultCurrency,
                timezone: latest.settings.timezone,
                locale: latest.settings.locale,
              })}
            </p>
          </>
        )}
        onResolved={(result) => {
          if (result) props.onSaved(result);
        }}
      />
    </form>
  );
}
