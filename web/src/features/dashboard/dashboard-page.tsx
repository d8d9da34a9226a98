import { A, Navigate } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { KpiValue } from '../../lib/ui/kpi-value.js';
import { Card, Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { KpiHeadlines } from '../kpis/kpi-headlines.js';
import { AtRiskCustomers } from './at-risk-customers.js';
import { CreditTile } from './credit-tile.js';
import { AbcChart, DecileChart, RetentionChart, SegmentChart } from './dashboard-charts.js';
import { activityCounts } from './dashboard-figures.js';
import { MyDay } from './my-day.js';
import './dashboard.css';
import { dashboardMessages } from './messages.js';

function Kpi(props: { label: string; value: string; hint?: string }) {
  return (
    <Card class="kpi">
      <p class="kpi__label">{props.label}</p>
      <KpiValue value={props.value} />
      <Show when={props.hint}>
        <p class="kpi__hint">{props.hint}</p>
      </Show>
    </Card>
  );
}

/** The tenant at a glance: counts, rates by month, value distribution and who to call first. */
export function DashboardPage() {
  const { session } = useAuth();
  // A channel partner's home is its portal: the tenant's figures are not its to see.
  if (session()?.user.role === 'partner') return <Navigate href="/partner" />;
  const t = useMessages(dashboardMessages);
  const api = useApi();
  const format = useFormat();
  // Before the first model fit there are no figures: ask the model state first rather than let the
  // summary answer 404 (which the browser would log as an error on every new tenant's first screen).
  const [summary, { refetch }] = createResource(async () => {
    const model = await unwrap(api.GET('/v1/analytics/model'));
    return model.latest?.summary ? unwrap(api.GET('/v1/analytics/summary')) : null;
  });
  return (
    <Page title={t('title')} description={t('welcome', { tenant: session()?.tenant.name ?? '' })}>
      <MyDay />
      <CreditTile />
      <KpiHeadlines />
      <AsyncView
        resource={summary}
        onRetry={() => void refetch()}
        isEmpty={(data) => data === null}
        empty={
          <EmptyState
            title={t('empty.title')}
            action={
              <div class="state__actions">
                <A href="/imports" class="button button--primary">
                  {t('empty.import')}
                </A>
                <A href="/customers" class="button button--secondary">
                  {t('empty.customers')}
                </A>
                <A href="/analytics" class="button button--secondary">
                  {t('empty.analytics')}
                </A>
              </div>
            }
          >
            {t('empty.body')}
          </EmptyState>
        }
      >
        {(data) => (
          <Show when={data}>
            {(figures) => {
              const activity = () => activityCounts(figures().segments);
              const segmentNames = () =>
                new Map(figures().segments.map((segment) => [segment.segment, segment.name]));
              return (
                <div class="dashboard">
                  <div class="kpis">
                    <Kpi
                      label={t('kpi.customers')}
                      value={format.number(figures().customers.total)}
                      hint={t('kpi.customersHint', {
                        withOrders: format.number(figures().customers.withOrders),
                        repeaters: format.number(figures().customers.repeaters),
                      })}
                    />
                    <Kpi
                      label={t('kpi.active')}
                      value={format.number(activity().active)}
                      hint={t('kpi.activeHint')}
                    />
                    <Kpi
                      label={t('kpi.atRisk')}
                      value={format.number(activity().atRisk)}
                      hint={t('kpi.atRiskHint')}
                    />
                    <Kpi
                      label={t('kpi.dormant')}
                      value={format.number(activity().dormant)}
                      hint={t('kpi.dormantHint')}
                    />
                    <Kpi
                      label={t('kpi.expectedRevenue')}
                      value={format.estimate(figures().expectedRevenue.clvSum, figures().currency)}
                      hint={t('kpi.expectedRevenueHint', { months: figures().expectedRevenue.horizonMonths })}
                    />
                    <Kpi
                      label={t('kpi.expectedPurchases')}
                      value={format.number(figures().expectedRevenue.expectedPurchases90d, {
                        maximumFractionDigits: 0,
                      })}
                      hint={t('kpi.expectedPurchasesHint')}
                    />
                  </div>
                  <div class="dashboard__charts">
                    <RetentionChart months={figures().months} />
                    <DecileChart deciles={figures().valueDistribution} currency={figures().currency} />
                    <AbcChart abc={figures().abc} />
                    <SegmentChart segments={figures().segments} />
                  </div>
                  <AtRiskCustomers currency={figures().currency} segmentNames={segmentNames()} />
                  <p class="muted">
                    {t('asOf', {
                      date: format.date(figures().asOf),
                      fitted: format.date(figures().fittedAt, true),
                    })}
                  </p>
                </div>
              );
            }}
          </Show>
        )}
      </AsyncView>
    </Page>
  );
}
