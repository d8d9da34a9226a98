import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { EmptyState } from '../../lib/ui/states.js';
import { creditMessages } from './messages.js';
import { receivablesAgeingMessages } from './receivables-ageing-messages.js';

const buckets = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd91_120', 'd121Plus'] as const;

/**
 * The tenant's ageing report (账龄分析): open receivables by days past due, the customers whose
 * money is oldest first, so collection (催收) starts at the top. Same buckets as a credit file's.
 */
export function ReceivablesAgeing() {
  const t = useMessages(receivablesAgeingMessages);
  const bucketName = useMessages(creditMessages);
  const api = useApi();
  const format = useFormat();
  // An empty bucket reads as a dash, in the customer rows and the totals alike.
  const amountOrDash = (amount: number) => (amount > 0 ? format.money(amount) : '—');
  const [report, { refetch }] = createResource(() =>
    unwrap(api.GET('/v1/credit/ageing', { params: { query: { limit: 20 } } })),
  );
  return (
    <section class="credit-ageing-report" aria-labelledby="credit-ageing-report-heading">
      <h2 id="credit-ageing-report-heading">{t('heading')}</h2>
      <AsyncView
        resource={report}
        onRetry={refetch}
        isEmpty={(answer) => answer.receivables === 0}
        empty={<EmptyState title={t('empty')} />}
      >
        {(answer) => (
          <>
            <p class="muted">{t('description', { date: format.date(answer.asOf) })}</p>
            <div class="card table-card">
              <table class="table credit-ageing-report__table" ref={stackRowsWhenNarrow}>
                <thead>
                  <tr>
                    <th scope="col">{t('customer')}</th>
                    <th scope="col" class="number">
                      {t('open')}
                    </th>
                    <For each={buckets}>
                      {(bucket) => (
                        <th scope="col" class="number">
                          {bucketName(`ageing.${bucket}`)}
                        </th>
                      )}
                    </For>
                  </tr>
                </thead>
                <tbody>
                  <For each={answer.customers}>
                    {(line) => (
                      <tr data-customer={line.customerId}>
                        <th scope="row">
                          <A href={`/customers/${line.customerId}?tab=credit`}>
                            {line.name || line.customerId}
                          </A>
                        </th>
                        <td class="number">{format.money(line.open)}</td>
                        <For each={buckets}>
                          {(bucket) => (
                            <td class="number" data-bucket={bucket}>
                              {amountOrDash(line.ageing[bucket])}
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr data-total>
                    <th scope="row">{t('total')}</th>
                    <td class="number">{format.money(answer.open)}</td>
                    <For each={buckets}>
                      {(bucket) => (
                        <td class="number" data-bucket={bucket}>
                          {amountOrDash(answer.totals[bucket])}
                        </td>
                      )}
                    </For>
                  </tr>
                </tfoot>
              </table>
            </div>
            <Show when={answer.customerCount > answer.customers.length}>
              <p class="muted">{t('more', { count: answer.customerCount - answer.customers.length })}</p>
            </Show>
            <Show when={answer.capped}>
              <p class="muted">{t('capped')}</p>
            </Show>
          </>
        )}
      </AsyncView>
    </section>
  );
}
