import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { pageWithItems } from '../../lib/api/page-with-items.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { salesMessages } from './messages.js';
import { useDealStageName } from './stage-name.js';
import './sales.css';

/** The customer's open deals on the 360°: what is in the pipeline for them. */
export function CustomerDeals(props: { customerId: string }) {
  const t = useMessages(salesMessages);
  const api = useApi();
  const format = useFormat();
  const dealStageName = useDealStageName();
  // The stage names live in the sales setup; without it a deal shows its stage key, not nothing.
  const [setup] = createResource(() =>
    unwrap(api.GET('/v1/pipelines')).then(
      (found) => found.pipelines,
      () => undefined,
    ),
  );
  const [deals] = createResource(
    () => props.customerId,
    // A side card: if deals cannot be read (a partner, an outage) the profile shows without it.
    async (customerId) =>
      // Open is a filter on the customer's deals, closed ones included: read past pages it left short.
      pageWithItems(
        (cursor) =>
          unwrap(
            api.GET('/v1/opportunities', {
              params: { query: { customerId, status: 'open', limit: 20, ...(cursor ? { cursor } : {}) } },
            }),
          ),
        undefined,
        { atLeast: 20 },
      ).then(
        (page) => page.items,
        () => null,
      ),
  );
  return (
    <Show when={deals()}>
      {(items) => (
        <section class="card" aria-labelledby="customer-deals-heading">
          <h2 id="customer-deals-heading" class="card__title">
            <A href="/sales">{t('customer.heading')}</A>
          </h2>
          <Show when={items().length > 0} fallback={<p>{t('customer.none')}</p>}>
            <ul>
              <For each={items()}>
                {(deal) => (
                  <li data-deal={deal.id}>
                    <A href={`/sales/opportunities/${deal.id}`}>{deal.name}</A> ·{' '}
                    {format.money(deal.amount, deal.currency)} · {dealStageName(setup(), deal)}
                    <Show when={deal.rotting}>
                      {' '}
                      <span class="sales-badge sales-badge--rotting">{t('card.rotting')}</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      )}
    </Show>
  );
}
