import { createEffect, createResource, createSignal, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { VizDataTable, VizFigure } from '../../lib/ui/viz/viz-figure.js';
import '../dashboard/dashboard.css';
import { KpiCardGrid, type Kpis, useKpiCards } from './kpi-cards.js';
import './kpis.css';
import { kpiMessages } from './messages.js';

type Period = { from?: string; to?: string };

const DAY_MS = 86_400_000;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The KPI page (评估): a period picker, the figures as cards, charts and tables. */
export function KpisPage() {
  const t = useMessages(kpiMessages);
  const api = useApi();
  const format = useFormat();
  const { session } = useAuth();
  const cards = useKpiCards();
  const [period, setPeriod] = createSignal<Period>({});
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [kpis, { refetch }] = createResource(period, (query) =>
    unwrap(api.GET('/v1/kpis', { params: { query } })),
  );
  // The first answer is the API's default period: the pickers show it rather than stay blank.
  createEffect(() => {
    const shown = kpis.latest?.period;
    if (shown && !from() && !to()) {
      setFrom(shown.from);
      setTo(shown.to);
    }
  });
  const lastDays = (days: number) => {
    const today = Date.now();
    const range = { from: dayOf(today - (days - 1) * DAY_MS), to: dayOf(today) };
    setFrom(range.from);
    setTo(range.to);
    setPeriod(range);
  };
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setPeriod({ ...(from() ? { from: from() } : {}), ...(to() ? { to: to() } : {}) });
  };
  const share = (value: number | null) => (value === null ? t('none') : format.percent(value, 1));
  const currency = () => session()?.tenant.settings.defaultCurrency ?? 'CNY';
  return (
    <Page title={t('title')} term="评估" description={t('description')}>
      <form class="card kpi-period" onSubmit={apply}>
        <fieldset>
          <legend>{t('period.legend')}</legend>
          <label>
            {t('period.from')}
            <input type="date" name="from" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label>
            {t('period.to')}
            <input type="date" name="to" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button button--primary">
            {t('period.apply')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => lastDays(30)}>
            {t('period.last30')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => lastDays(90)}>
            {t('period.last90')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => lastDays(365)}>
            {t('period.last365')}
          </button>
        </fieldset>
      </form>
      <AsyncView resource={kpis} onRetry={() => void refetch()}>
        {(data: Kpis) => (
          <div class="dashboard kpi-page">
            <p class="muted" data-figure="period">
              {t('period.shown', {
                from: data.period.from,
                to: data.period.to,
                days: data.period.days,
                previousFrom: data.period.previousFrom,
                previousTo: data.period.previousTo,
              })}
            </p>
            <Show when={data.customersCapped}>
              <p class="muted">{t('period.capped', { count: format.number(data.customersRead) })}</p>
            </Show>
            <KpiCardGrid cards={cards(data)} />
            <div class="dashboard__charts">
              <VizFigure
                title={t('satisfaction.title')}
                description={t('satisfaction.description')}
                chart={{
                  kind: 'lines',
                  categories: data.satisfaction.months.map((month) => month.month),
                  series: [
                    {
                      label: t('satisfaction.csat'),
                      values: data.satisfaction.months.map((m) => m.csat.csat),
                    },
                    { label: t('satisfaction.nps'), values: data.satisfaction.months.map((m) => m.nps.nps) },
                  ],
                  formatValue: (value) => format.number(value, { maximumFractionDigits: 1 }),
                }}
                table={{
                  columns: [
                    t('satisfaction.month'),
                    t('satisfaction.answers'),
                    t('satisfaction.csat'),
                    t('satisfaction.nps'),
                  ],
                  rows: data.satisfaction.months.map((month) => [
                    month.month,
                    format.number(month.answers),
                    month.csat.csat === null ? t('none') : format.number(month.csat.csat),
                    month.nps.nps === null ? t('none') : format.number(month.nps.nps),
                  ]),
                }}
              />
              <VizFigure
                title={t('activity.title')}
                description={t('activity.description')}
                chart={{
                  kind: 'bars',
                  categories: [
                    t('activity.active'),
                    t('activity.atRisk'),
                    t('activity.dormant'),
                    t('activity.lost'),
                  ],
                  series: [
                    {
                      label: t('activity.customers'),
                      values: [
                        data.activity.active,
                        data.activity.atRisk,
                        data.activity.dormant,
                        data.activity.lost,
                      ],
                    },
                  ],
                  formatValue: (value) => format.number(value),
                }}
                table={{
                  columns: [t('activity.state'), t('activity.customers')],
                  rows: [
                    [t('activity.active'), format.number(data.activity.active)],
                    [t('activity.atRisk'), format.number(data.activity.atRisk)],
                    [t('activity.dormant'), format.number(data.activity.dormant)],
                    [t('activity.lost'), format.number(data.activity.lost)],
                  ],
                }}
              />
            </div>
            <section class="card">
              <Show
                when={data.campaigns.items.length > 0}
                fallback={
                  <>
                    <h2 class="card__title">{t('campaigns.title')}</h2>
                    <p class="muted">{t('campaigns.empty')}</p>
                  </>
                }
              >
                <VizDataTable
                  caption={t('campaigns.title')}
                  table={{
                    columns: [
                      t('campaigns.name'),
                      t('campaigns.sent'),
                      t('campaigns.contacted'),
                      t('campaigns.holdout'),
                      t('campaigns.uplift'),
                    ],
                    rows: data.campaigns.items.map((item) => [
                      item.name,
                      format.number(item.sent),
                      share(item.contacted.rate),
                      share(item.holdoutGroup.rate),
                      share(item.uplift),
                    ]),
                  }}
                />
              </Show>
            </section>
            <section class="card">
              <Show
                when={data.partners.length > 0}
                fallback={
                  <>
                    <h2 class="card__title">{t('partners.title')}</h2>
                    <p class="muted">{t('partners.empty')}</p>
                  </>
                }
              >
                <VizDataTable
                  caption={t('partners.title')}
                  table={{
                    columns: [
                      t('partners.name'),
                      t('partners.shared'),
                      t('partners.orders'),
                      t('partners.amount'),
                      t('partners.won'),
                    ],
                    rows: data.partners.map((partner) => [
                      partner.name,
                      format.number(partner.sharedCustomers),
                      format.number(partner.orders.reduce((sum, tally) => sum + tally.count, 0)),
                      partner.orders.length === 0
                        ? format.money(0, currency())
                        : partner.orders
                            .map((tally) => format.money(tally.amount, tally.currency))
                            .join(' + '),
                      format.number(partner.opportunitiesWon),
                    ]),
                  }}
                />
              </Show>
            </section>
          </div>
        )}
      </AsyncView>
    </Page>
  );
}
