import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { AdminDialog } from '../settings/admin-dialog.js';
import { settingsMessages } from '../settings/messages.js';
import { SHAREABLE_FIELDS } from '../settings/shares-section.js';
import { partnersMessages } from './messages.js';

type ShareField = components['schemas']['Share']['fields'][number];
type Access = components['schemas']['Share']['access'];

/**
 * Share a customer (按权限共享) with a partner organisation or one partner user: the fields, read
 * or read-write, the timeline, and an optional end. Replaces what an existing share grants.
 */
export function PartnerShareDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customer: { id: string; name: string };
  onShared: () => void;
}) {
  const t = useMessages(partnersMessages);
  const fieldLabel = useMessages(settingsMessages);
  const api = useApi();
  const form = createForm();
  const [organisations] = createResource(
    () => props.open || undefined,
    () => unwrap(api.GET('/v1/partner-organisations')),
  );
  const [users] = createResource(
    () => props.open || undefined,
    () => unwrap(api.GET('/v1/users')),
  );
  const activeOrganisations = () => (organisations()?.items ?? []).filter((item) => item.status === 'active');
  const partnerUsers = () =>
    (users()?.items ?? []).filter((user) => user.role === 'partner' && user.status !== 'disabled');
  const [grantee, setGrantee] = createSignal<'organisation' | 'user'>('organisation');
  const [chosen, setChosen] = createSignal('');
  const [fields, setFields] = createSignal<ShareField[]>(['kind', 'status', 'phone']);
  const [access, setAccess] = createSignal<Access>('read');
  const [canAdd, setCanAdd] = createSignal(false);
  const [until, setUntil] = createSignal('');
  const options = () =>
    grantee() === 'organisation'
      ? activeOrganisations().map((item) => ({ id: item.id, label: item.name }))
      : partnerUsers().map((user) => ({ id: user.id, label: user.name || user.email }));
  const target = () =>
    options().some((option) => option.id === chosen()) ? chosen() : (options()[0]?.id ?? '');
  const toggle = (field: ShareField, on: boolean) =>
    setFields((current) => (on ? [...current, field] : current.filter((value) => value !== field)));

  const submit = form.submit(async () => {
    const body = {
      fields: SHAREABLE_FIELDS.filter((field) => fields().includes(field)),
      canAddInteractions: canAdd(),
      access: access(),
      // datetime-local is the user's wall-clock time; the API takes an instant.
      ...(until() ? { validUntil: new Date(until()).toISOString() } : {}),
    };
    const customerId = props.customer.id;
    if (grantee() === 'organisation') {
      await unwrap(
        api.PUT('/v1/customers/{customerId}/organisation-shares/{organisationId}', {
          params: { path: { customerId, organisationId: target() } },
          body,
        }),
      );
    } else {
      await unwrap(
        api.PUT('/v1/customers/{customerId}/shares/{userId}', {
          params: { path: { customerId, userId: target() } },
          body,
        }),
      );
    }
    props.onShared();
    props.onOpenChange(false);
  });

  return (
    <AdminDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('shareTitle', { customer: props.customer.name })}
      description={fieldLabel('shares.body')}
    >
      <form class="form" onSubmit={submit}>
        <fieldset class="checkbox-grid">
          <legend class="field__label">{t('shareWith')}</legend>
          <For each={['organisation', 'user'] as const}>
            {(kind) => (
              <label class="checkbox">
                <input
                  type="radio"
                  name="share-grantee"
                  value={kind}
                  checked={grantee() === kind}
                  onChange={() => setGrantee(kind)}
                />
                {t(`grantee.${kind}`)}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={options().length > 0} fallback={<p class="notice">{t('noGrantees')}</p>}>
          <div class="field">
            <label class="field__label" for="share-grantee-target">
              {grantee() === 'organisation' ? t('organisation') : t('partnerUser')}
            </label>
            <select
              id="share-grantee-target"
              class="field__input"
              value={target()}
              onChange={(event) => setChosen(event.currentTarget.value)}
            >
              <For each={options()}>{(option) => <option value={option.id}>{option.label}</option>}</For>
            </select>
          </div>
        </Show>
        <fieldset class="checkbox-grid">
          <legend class="field__label">{t('fields')}</legend>
          <For each={SHAREABLE_FIELDS}>
            {(field) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={fields().includes(field)}
                  onChange={(event) => toggle(field, event.currentTarget.checked)}
                />
                {fieldLabel(`shareField.${field}`)}
              </label>
            )}
          </For>
        </fieldset>
        <fieldset class="checkbox-grid">
          <legend class="field__label">{t('access')}</legend>
          <For each={['read', 'read-write'] as const}>
            {(value) => (
              <label class="checkbox">
                <input
                  type="radio"
                  name="share-access"
                  value={value}
                  checked={access() === value}
                  onChange={() => setAccess(value)}
                />
                {t(`access.${value}`)}
              </label>
            )}
          </For>
        </fieldset>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={canAdd()}
            onChange={(event) => setCanAdd(event.currentTarget.checked)}
          />
          {t('canAdd')}
        </label>
        <div class="field">
          <label class="field__label" for="share-valid-until">
            {t('validUntilLabel')}
          </label>
          <input
            id="share-valid-until"
            class="field__input"
            type="datetime-local"
            value={until()}
            aria-describedby="share-valid-until-hint"
            onInput={(event) => setUntil(event.currentTarget.value)}
          />
          <p id="share-valid-until-hint" class="field__description">
            {t('validUntilHint')}
          </p>
        </div>
        <FormActions
          error={form.formMessage()}
          cancelLabel={t('cancel')}
          onCancel={() => props.onOpenChange(false)}
          submitLabel={t('share')}
          pending={form.pending()}
          disabled={!target()}
        />
      </form>
    </AdminDialog>
  );
}
