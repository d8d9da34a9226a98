import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState, ErrorState } from '../../lib/ui/states.js';
import { CreditReasons } from './credit-reasons.js';
import { HeldOrders } from './held-orders.js';
import { creditMessages } from './messages.js';
import { ReceivablesAgeing } from './receivables-ageing.js';
import './credit.css';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';

type CreditFile = components['schemas']['CreditFile'];
type HeldCustomer = { file: CreditFile; name: string | undefined };

/**
 * The hold list (Dynamics' credit hold list): who is held, since when, owing what, and why; an
 * admin opens a customer's held orders here and rejects them without leaving the list. Below it,
 * the tenant's receivables ageing (账龄分析).
 */
export function CreditHoldsPage() {
  const t = useMessages(creditMessages);
  const api = useApi();
  const { session } = useAuth();
  const format = useFormat();
  const isAdmin = () => ['owner', 'admin'].includes(session()?.user.role ?? '');
  const [open, setOpen] = createSignal<string>();
  const [holds, { refetch, mutate }] = createResource(async (): Promise<HeldCustomer[]> => {
    const page = await unwrap(api.GET('/v1/credit/holds', { params: { query: { limit: 200 } } }));
    // Names for the list; a customer the caller cannot read keeps its id.
    return Promise.all(
      page.items.map(async (file) => {
        const customer = await unwrap(
          api.GET('/v1/customers/{customerId}', { params: { path: { customerId: file.customerId } } }),
        ).catch(() => undefined);
        return { file, name: customer?.name };
      }),
    );
  });
  // A rejection re-evaluates the file: a customer no longer held leaves the list.
  const changed = (file: CreditFile) =>
    mutate((items) =>
      (items ?? []).flatMap((held) =>
        held.file.customerId !== file.customerId ? [held] : file.status === 'hold' ? [{ ...held, file }] : [],
      ),
    );
  return (
    <Page title={t('holds.title')} term="信用冻结" description={t('holds.description')}>
      <AsyncView
        resource={holds}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<EmptyState title={t('holds.empty')} />}
      >
        {(items) => (
          <div class="card table-card credit-holds-card">
            <table class="table credit-holds" ref={stackRowsWhenNarrow}>
              <thead>
                <tr>
                  <th scope="col">{t('holds.customer')}</th>
                  <th scope="col">{t('holds.since')}</th>
                  <th scope="col" class="number">
                    {t('holds.owed')}
                  </th>
                  <th scope="col" class="number">
                    {t('holds.limit')}
                  </th>
                  <th scope="col" class="number">
                    {t('holds.overdue')}
                  </th>
                  <th scope="col">{t('holds.why')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items}>
                  {(held) => (
                    <>
                      <tr data-customer={held.file.customerId}>
                        <th scope="row">
                          <A href={`/customers/${held.file.customerId}?tab=credit`}>
                            {held.name ?? held.file.customerId}
                          </A>
                          <Show when={held.file.releasePending}>
                            <span class="badge badge--muted">{t('holds.cleared')}</span>
                            <Show when={isAdmin()}>
                              <ReleaseHold
                                customerId={held.file.customerId}
                                name={held.name ?? held.file.customerId}
                                onChanged={changed}
                              />
                            </Show>
                          </Show>
                        </th>
                        <td>{held.file.heldSince ? format.date(held.file.heldSince, true) : '—'}</td>
                        <td class="number">{format.money(held.file.exposure)}</td>
                        <td class="number">{format.money(held.file.limit)}</td>
                        <td class="number">
                          {held.file.overdue > 0 ? format.money(held.file.overdue) : '—'}
                        </td>
                        <td>
                          <CreditReasons reasons={held.file.reasons} />
                          <Show when={isAdmin()}>
                            <Button
                              variant="secondary"
                              class="credit-holds__toggle"
                              aria-expanded={open() === held.file.customerId}
                              aria-controls={`held-orders-${held.file.customerId}`}
                              onClick={() =>
                                setOpen(open() === held.file.customerId ? undefined : held.file.customerId)
                              }
                            >
                              {open() === held.file.customerId
                                ? t('holds.hideOrders')
                                : t('holds.showOrders')}
                            </Button>
                          </Show>
                        </td>
                      </tr>
                      <Show when={isAdmin() && open() === held.file.customerId}>
                        <tr id={`held-orders-${held.file.customerId}`} class="credit-holds__orders">
                          <td colSpan={6}>
                            <HeldOrders
                              customerId={held.file.customerId}
                              version={held.file.version}
                              onChanged={changed}
                            />
                          </td>
                        </tr>
                      </Show>
                    </>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
      <ReceivablesAgeing />
    </Page>
  );
}

/**
 * A hold whose figures have cleared waits for a risk manager (the policy's `releaseNeedsApproval`):
 * an admin releases it from the list, as Dynamics' hold list does, without opening the customer.
 */
function ReleaseHold(props: { customerId: string; name: string; onChanged: (file: CreditFile) => void }) {
  const t = useMessages(creditMessages);
  const api = useApi();
  const form = createForm();
  const release = async () => {
    props.onChanged(
      await unwrap(
        api.POST('/v1/customers/{customerId}/credit/release', {
          params: { path: { customerId: props.customerId } },
          body: {},
        }),
      ),
    );
  };
  return (
    <form class="credit-holds__release" onSubmit={form.submit(release)}>
      <Button
        type="submit"
        variant="primary"
        disabled={form.pending()}
        aria-label={t('holds.releaseOf', { name: props.name })}
      >
        {t('release')}
      </Button>
      <Show when={form.error()}>
        <ErrorState error={form.error()} />
      </Show>
    </form>
  );
}
