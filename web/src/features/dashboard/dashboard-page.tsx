import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Card, Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { dashboardMessages } from './messages.js';

/** The tenant at a glance: customer counts and expected revenue from the latest model fit. */
export function DashboardPage() {
  const t = useMessages(dashboardMessages);
  const api = useApi();
  const { session } = useAuth();
  const format = useFormat();
  // Before the first model fit there are no figures: ask the model state first rather than let the
  // summary answer 404 (which the browser would log as an error on every new tenant's first screen).
  const [summary, { refetch }] = createResource(async () => {
    const model = await unwrap(api.GET('/v1/analytics/model'));
    return model.latest ? unwrap(api.GET('/v1/analytics/summary')) : null;
  });
  return (
    <Page title={t('title')} description={t('welcome', { tenant: session()?.tenant.name ?? '' })}>
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
              </div>
            }
          >
            {t('empty.body')}
          </EmptyState>
        }
      >
        {(data) => (
          <Show when={data}>
            {(figures) => (
              <>
                <div class="kpis">
                  <Card class="kpi">
                    <p class="kpi__label">{t('kpi.customers')}</p>
                    <p class="kpi__value">{format.number(figures().customers.total)}</p>
                  </Card>
                  <Card class="kpi">
                    <p class="kpi__label">{t('kpi.withOrders')}</p>
                    <p class="kpi__value">{format.number(figures().customers.withOrders)}</p>
                  </Card>
                  <Card class="kpi">
                    <p class="kpi__label">{t('kpi.repeaters')}</p>
                    <p class="kpi__value">{format.number(figures().customers.repeaters)}</p>
                  </Card>
                  <Card class="kpi">
                    <p class="kpi__label">{t('kpi.expectedRevenue')}</p>
                    <p class="kpi__value">
                      {format.money(figures().expectedRevenue.clvSum, figures().currency)}
                    </p>
                    <p class="kpi__hint">
                      {t('kpi.expectedRevenueHint', { months: figures().expectedRevenue.horizonMonths })}
                    </p>
                  </Card>
                </div>
                <p class="muted">{t('asOf', { date: format.date(figures().asOf) })}</p>
              </>
            )}
          </Show>
        )}
      </AsyncView>
    </Page>
  );
}
