import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { receivablesMessages } from './receivables-messages.js';
import '../../lib/ui/admin-screen.css';

type Receivable = components['schemas']['Receivable'];
const DAY_MS = 86_400_000;

/** Whole days from `dueDate` (YYYY-MM-DD) to today's date in UTC, as the credit file counts them. */
function daysPastDue(dueDate: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((today - Date.parse(`${dueDate}T00:00:00Z`)) / DAY_MS);
}

/**
 * What the customer still owes, invoice by invoice (应收账款), oldest due first: the figures above
 * sum them up, this says which orders they are. Credit is kept in the tenant's currency: orders in
 * another make no receivable, and a receivable left in a former tenant currency is outside the
 * figures; both are said here, so money owed in them is not invisible to whoever decides on credit.
 */
export function ReceivablesTable(props: {
  customerId: string;
  creditCurrency: string;
  version: number;
  orderCurrencies: readonly string[];
}) {
  const t = useMessages(receivablesMessages);
  const api = useApi();
  const format = useFormat();
  // Read again whenever the credit file changes (an order, a payment): the version moves with it.
  const [receivables, { refetch }] = createResource(
    () => ({ customerId: props.customerId, version: props.version }),
    ({ customerId }) =>
      unwrap(api.GET('/v1/customers/{customerId}/credit/receivables', { params: { path: { customerId } } })),
  );
  const open = (items: readonly Receivable[]) =>
    items
      .filter((receivable) => receivable.amount > receivable.paid)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.issuedAt.localeCompare(b.issuedAt));
  // Orders in another currency make no receivable at all (credit is kept in one currency): say so,
  // or a customer who owes in them looks like one who owes nothing.
  const uncounted = () => props.orderCurrencies.filter((currency) => currency !== props.creditCurrency);
  const standing = (receivable: Receivable) => {
    const days = daysPastDue(receivable.dueDate, new Date());
    if (days < 0) return t('notDue');
    if (days === 0) return t('dueToday');
    return t('pastDue', { days, count: days });
  };
  return (
    <section class="admin-screen credit-receivables" aria-labelledby="credit-receivables-heading">
      <h3 id="credit-receivables-heading" class="credit-panel__subheading">
        {t('heading')}
      </h3>
      <Show when={uncounted().length > 0}>
        <p class="callout" data-testid="uncounted-currencies">
          {t('uncounted', { currencies: uncounted().join(', '), currency: props.creditCurrency })}
        </p>
      </Show>
      <AsyncView resource={receivables} onRetry={refetch}>
        {(page) => {
          const owed = open(page.items);
          const settled = page.items.length - owed.length;
          return (
            <>
              <Show when={owed.length > 0} fallback={<p class="muted">{t('empty')}</p>}>
                <ScrollTable
                  class="credit-receivables__table"
                  columns={[
                    t('column.issued'),
                    t('column.due'),
                    { label: t('column.amount'), class: 'table__number' },
                    { label: t('column.paid'), class: 'table__number' },
                    { label: t('column.open'), class: 'table__number' },
                    t('column.standing'),
                  ]}
                >
                  <For each={owed}>
                    {(receivable) => (
                      <tr data-receivable={receivable.id}>
                        <th scope="row">{format.date(receivable.issuedAt)}</th>
                        <td>{format.date(receivable.dueDate)}</td>
                        <td class="table__number">{format.money(receivable.amount, receivable.currency)}</td>
                        <td class="table__number">{format.money(receivable.paid, receivable.currency)}</td>
                        <td class="table__number">
                          {format.money(receivable.amount - receivable.paid, receivable.currency)}
                        </td>
                        <td>
                          {standing(receivable)}
                          <Show when={receivable.currency !== props.creditCurrency}>
                            <span class="figure__note">
                              {t('unrated', { currency: props.creditCurrency })}
                            </span>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </ScrollTable>
              </Show>
              <Show when={settled > 0}>
                <p class="muted">{t('settled', { count: settled })}</p>
              </Show>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
