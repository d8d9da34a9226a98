import { A } from '@solidjs/router';
import { createResource } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { EmptyState } from '../../lib/ui/states.js';
import { VizDataTable } from '../../lib/ui/viz/viz-figure.js';
import { useSegmentName } from './dashboard-charts.js';
import { AT_RISK_P_ALIVE, customersAtRisk } from './dashboard-figures.js';
import { dashboardMessages } from './messages.js';

/** How many of the most valuable customers are looked at. */
const MOST_VALUABLE = 100;

/** The valuable customers least likely to still be buying, each linked to their 360° view. */
export function AtRiskCustomers(props: { currency: string; segmentNames: ReadonlyMap<string, string> }) {
  const t = useMessages(dashboardMessages);
  const api = useApi();
  const format = useFormat();
  const segmentName = useSegmentName();
  const [atRisk, { refetch }] = createResource(async () => {
    const page = await unwrap(
      api.GET('/v1/customers', { params: { query: { sort: 'value', order: 'desc', limit: MOST_VALUABLE } } }),
    );
    return customersAtRisk(page.items);
  });
  const dash = t('atRisk.unknown');
  return (
    <section class="card" aria-labelledby="at-risk-title">
      <h2 class="card__title" id="at-risk-title">
        {t('atRisk.title')}
      </h2>
      <p class="viz-figure__description dashboard__lead">
        {t('atRisk.description', { count: MOST_VALUABLE, threshold: format.percent(AT_RISK_P_ALIVE) })}
      </p>
      <AsyncView
        resource={atRisk}
        onRetry={() => void refetch()}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState title={t('atRisk.none')} />}
      >
        {(list) => (
          <VizDataTable
            caption={t('atRisk.title')}
            captionHidden
            table={{
              textColumns: [3],
              columns: [
                t('atRisk.customer'),
                t('atRisk.value'),
                t('atRisk.pAlive'),
                t('atRisk.segment'),
                t('atRisk.lastOrder'),
                t('atRisk.clv'),
              ],
              rows: list.map((customer) => [
                <A href={`/customers/${customer.id}`}>{customer.name}</A>,
                format.money(customer.orderValue, props.currency),
                format.percent(customer.pAlive, 1),
                customer.segment
                  ? segmentName(
                      {
                        segment: customer.segment,
                        name: props.segmentNames.get(customer.segment) ?? customer.segment,
                      },
                      false,
                    )
                  : dash,
                customer.lastOrderAt ? format.date(customer.lastOrderAt) : dash,
                customer.clv === null ? dash : format.estimate(customer.clv, props.currency),
              ]),
            }}
          />
        )}
      </AsyncView>
    </section>
  );
}
