import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Card } from '../../lib/ui/page.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { EmptyState } from '../../lib/ui/states.js';
import { CustomerPicker, type PickedCustomer } from '../customers/picker/customer-picker.js';
import { partnersMessages } from '../partners/messages.js';
import { PartnerShareDialog } from '../partners/share-dialog.js';
import { ConfirmDialog } from './admin-dialog.js';
import { settingsMessages } from './messages.js';

type Share = components['schemas']['Share'];
type ShareField = Share['fields'][number];

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

/**
 * 按权限共享: pick a customer, see which channel partners (经销商) it is shared with and which
 * fields, share it with another partner, or stop sharing. The API lists shares per customer.
 */
export function SharesSection() {
  const t = useMessages(settingsMessages);
  const p = useMessages(partnersMessages);
  const format = useFormat();
  const api = useApi();
  const [customer, setCustomer] = createSignal<PickedCustomer>();
  const [adding, setAdding] = createSignal(false);
  const [toRevoke, setToRevoke] = createSignal<Share>();

  const [users] = createResource(() => unwrap(api.GET('/v1/users')));
  const [organisations] = createResource(() => unwrap(api.GET('/v1/partner-organisations')));
  const nameOf = (partnerId: string) => {
    const organisation = organisations()?.items.find((candidate) => candidate.id === partnerId);
    if (organisation) return organisation.name;
    const user = users()?.items.find((candidate) => candidate.id === partnerId);
    return user ? user.name || user.email : partnerId;
  };
  const until = (share: Share) =>
    share.validUntil === null
      ? p('untilRevoked')
      : Date.parse(share.validUntil) <= Date.now()
        ? `${format.date(share.validUntil, true)} (${p('expired')})`
        : format.date(share.validUntil, true);
  const [shares, { refetch }] = createResource(
    () => customer()?.id,
    (customerId) =>
      unwrap(api.GET('/v1/customers/{customerId}/shares', { params: { path: { customerId } } })),
  );

  return (
    <Card title={t('shares.title')}>
      <p class="muted">{t('shares.body')}</p>
      <CustomerPicker picked={customer()} onPick={setCustomer} />

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
                <ScrollTable
                  columns={[
                    t('shares.partner'),
                    t('shares.fields'),
                    p('access'),
                    t('shares.canAdd'),
                    p('validUntil'),
                    t('shares.actions'),
                  ]}
                >
                  <For each={page.items}>
                    {(share) => (
                      <tr>
                        <th scope="row">{nameOf(share.partnerId)}</th>
                        <td>
                          {share.fields.length > 0
                            ? share.fields.map((field) => t(`shareField.${field}`)).join(', ')
                            : t('shares.none')}
                        </td>
                        <td>{p(`access.${share.access}`)}</td>
                        <td>{share.canAddInteractions ? t('shares.yes') : t('shares.no')}</td>
                        <td>{until(share)}</td>
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
                </ScrollTable>
              )}
            </AsyncView>
            <PartnerShareDialog
              open={adding()}
              onOpenChange={setAdding}
              customer={picked()}
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
          if (share.grantee === 'organisation') {
            await unwrap(
              api.DELETE('/v1/customers/{customerId}/organisation-shares/{organisationId}', {
                params: { path: { customerId: share.customerId, organisationId: share.partnerId } },
              }),
            );
          } else {
            await unwrap(
              api.DELETE('/v1/customers/{customerId}/shares/{userId}', {
                params: { path: { customerId: share.customerId, userId: share.partnerId } },
              }),
            );
          }
          await refetch();
        }}
      />
    </Card>
  );
}
