import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { Card } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { AdminDialog, ConfirmDialog } from './admin-dialog.js';
import { settingsMessages } from './messages.js';

type Share = components['schemas']['Share'];
type ShareField = Share['fields'][number];
type User = components['schemas']['User'];
type PickedCustomer = { id: string; name: string };

/** What a partner may be given (packages/domain `shareableFields`). */
export const SHAREABLE_FIELDS: readonly ShareField[] = [
  'kind',
  'status',
  'tags',
  'address',
  'phone',
  'email',
  'industry',
  'size',
  'birthday',
  'lifecycleStage',
  'relationshipLevel',
  'customFields',
  'stats',
  'interactions',
];

const SEARCH_DELAY_MS = 250;

/**
 * 按权限共享: pick a customer, see which channel partners (经销商) it is shared with and which
 * fields, share it with another partner, or stop sharing. The API lists shares per customer.
 */
export function SharesSection() {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const [query, setQuery] = createSignal('');
  const [debounced, setDebounced] = createSignal('');
  const [customer, setCustomer] = createSignal<PickedCustomer>();
  const [adding, setAdding] = createSignal(false);
  const [toRevoke, setToRevoke] = createSignal<Share>();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const search = (text: string) => {
    setQuery(text);
    clearTimeout(timer);
    timer = setTimeout(() => setDebounced(text.trim()), SEARCH_DELAY_MS);
  };

  // An empty search asks nothing (Solid fetches for '' but not for undefined).
  const [matches] = createResource(
    () => debounced() || undefined,
    (q) => unwrap(api.GET('/v1/customers', { params: { query: { q, limit: 8 } } })),
  );
  const [users] = createResource(() => unwrap(api.GET('/v1/users')));
  const partners = createMemo(() =>
    (users()?.items ?? []).filter((user) => user.role === 'partner' && user.status !== 'disabled'),
  );
  const nameOf = (userId: string) => {
    const user = users()?.items.find((candidate) => candidate.id === userId);
    return user ? user.name || user.email : userId;
  };
  const [shares, { refetch }] = createResource(
    () => customer()?.id,
    (customerId) =>
      unwrap(api.GET('/v1/customers/{customerId}/shares', { params: { path: { customerId } } })),
  );

  return (
    <Card title={t('shares.title')}>
      <p class="muted">{t('shares.body')}</p>
      <div class="shares-picker">
        <div class="field">
          <label class="field__label" for="share-customer-search">
            {t('shares.search')}
          </label>
          <input
            id="share-customer-search"
            class="field__input"
            type="search"
            autocomplete="off"
            value={query()}
            aria-describedby="share-customer-search-hint"
            onInput={(event) => search(event.currentTarget.value)}
          />
          <p id="share-customer-search-hint" class="field__description">
            {t('shares.searchHint')}
          </p>
        </div>
        <Show when={debounced()}>
          <AsyncView
            resource={matches}
            isEmpty={(page) => page.items.length === 0}
            empty={<p class="muted">{t('shares.noCustomers')}</p>}
          >
            {(page) => (
              <ul class="shares-picker__results" aria-label={t('shares.customer')}>
                <For each={page.items}>
                  {(match) => (
                    <li>
                      <button
                        type="button"
                        class="shares-picker__result"
                        aria-pressed={customer()?.id === match.id}
                        onClick={() => setCustomer({ id: match.id, name: match.name })}
                      >
                        {match.name}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </AsyncView>
        </Show>
      </div>

      <Show when={customer()} fallback={<EmptyState title={t('shares.pick')} />}>
        {(picked) => (
          <section class="shares-of" aria-labelledby="shares-of-title">
            <div class="section-header">
              <h3 id="shares-of-title" class="section-title">
                {picked().name}
              </h3>
              <Button onClick={() => setAdding(true)}>{t('shares.add')}</Button>
            </div>
            <AsyncView
              resource={shares}
              onRetry={() => void refetch()}
              isEmpty={(page) => page.items.length === 0}
              empty={<EmptyState title={t('shares.empty')} />}
            >
              {(page) => (
                <div class="table-scroll">
                  <table class="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('shares.partner')}</th>
                        <th scope="col">{t('shares.fields')}</th>
                        <th scope="col">{t('shares.canAdd')}</th>
                        <th scope="col">{t('shares.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={page.items}>
                        {(share) => (
                          <tr>
                            <th scope="row">{nameOf(share.partnerId)}</th>
                            <td>
                              {share.fields.length > 0
                                ? share.fields.map((field) => t(`shareField.${field}`)).join(', ')
                                : t('shares.none')}
                            </td>
                            <td>{share.canAddInteractions ? t('shares.yes') : t('shares.no')}</td>
                            <td>
                              <Button
                                variant="ghost"
                                aria-label={`${t('shares.revoke')}: ${nameOf(share.partnerId)}`}
                                onClick={() => setToRevoke(share)}
                              >
                                {t('shares.revoke')}
                              </Button>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              )}
            </AsyncView>
            <ShareDialog
              open={adding()}
              onOpenChange={setAdding}
              customer={picked()}
              partners={partners()}
              onShared={() => void refetch()}
            />
          </section>
        )}
      </Show>
      <ConfirmDialog
        open={toRevoke() !== undefined}
        onOpenChange={(open) => {
          if (!open) setToRevoke(undefined);
        }}
        title={t('shares.revokeTitle', {
          partner: toRevoke() ? nameOf((toRevoke() as Share).partnerId) : '',
        })}
        body={t('shares.revokeBody', { customer: customer()?.name ?? '' })}
        confirmLabel={t('shares.revoke')}
        onConfirm={async () => {
          const share = toRevoke();
          if (!share) return;
          await unwrap(
            api.DELETE('/v1/customers/{customerId}/shares/{userId}', {
              params: { path: { customerId: share.customerId, userId: share.partnerId } },
            }),
          );
          await refetch();
        }}
      />
    </Card>
  );
}

function ShareDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customer: PickedCustomer;
  partners: readonly User[];
  onShared: () => void;
}) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const form = createForm();
  const [partnerId, setPartnerId] = createSignal('');
  const [fields, setFields] = createSignal<ShareField[]>(['kind', 'status', 'phone', 'email']);
  const [canAdd, setCanAdd] = createSignal(false);
  const chosenPartner = () => partnerId() || props.partners[0]?.id || '';
  const toggle = (field: ShareField, on: boolean) =>
    setFields((current) => (on ? [...current, field] : current.filter((value) => value !== field)));

  const submit = form.submit(async () => {
    await unwrap(
      api.PUT('/v1/customers/{customerId}/shares/{userId}', {
        params: { path: { customerId: props.customer.id, userId: chosenPartner() } },
        body: {
          fields: SHAREABLE_FIELDS.filter((field) => fields().includes(field)),
          canAddInteractions: canAdd(),
        },
      }),
    );
    props.onShared();
    props.onOpenChange(false);
  });

  return (
    <AdminDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('shares.addTitle', { customer: props.customer.name })}
      description={t('shares.body')}
    >
      <Show when={props.partners.length > 0} fallback={<p class="notice">{t('shares.noPartners')}</p>}>
        <form class="form" onSubmit={submit}>
          <div class="field">
            <label class="field__label" for="share-partner">
              {t('shares.partner')}
            </label>
            <select
              id="share-partner"
              class="field__input"
              value={chosenPartner()}
              onChange={(event) => setPartnerId(event.currentTarget.value)}
            >
              <For each={props.partners}>
                {(partner) => <option value={partner.id}>{partner.name || partner.email}</option>}
              </For>
            </select>
          </div>
          <fieldset class="checkbox-grid">
            <legend class="field__label">{t('shares.fields')}</legend>
            <For each={SHAREABLE_FIELDS}>
              {(field) => (
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={fields().includes(field)}
                    onChange={(event) => toggle(field, event.currentTarget.checked)}
                  />
                  {t(`shareField.${field}`)}
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
            {t('shares.canAdd')}
          </label>
          <Show when={form.error()}>
            <p class="form__error" role="alert">
              {(form.error() as Error).message}
            </p>
          </Show>
          <div class="dialog__actions">
            <Button variant="secondary" onClick={() => props.onOpenChange(false)}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" disabled={form.pending()}>
              {t('shares.add')}
            </Button>
          </div>
        </form>
      </Show>
    </AdminDialog>
  );
}
