import { For, Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { salesMessages } from './messages.js';
import { useStageName } from './stage-name.js';
import '../../lib/ui/admin-screen.css';

type Funnel = components['schemas']['Funnel'];

/** The funnel's figures (销售漏斗): per stage, the open totals, won / lost and the forecast. */
export function FunnelFigures(props: { funnel: Funnel; currency?: string | undefined }) {
  const t = useMessages(salesMessages);
  const format = useFormat();
  const stageName = useStageName();
  const money = (amount: number) => format.money(amount, props.currency);
  const share = (value: number | null) => (value === null ? t('funnel.none') : format.percent(value, 0));
  return (
    <section class="card sales-funnel" aria-labelledby="sales-funnel-heading">
      <h2 id="sales-funnel-heading">{t('funnel.heading')}</h2>
      <dl class="sales-funnel__totals">
        <div>
          <dt>{t('funnel.total')}</dt>
          <dd data-figure="open">
            {props.funnel.open.count} · {money(props.funnel.open.amount)}
          </dd>
        </div>
        <div>
          <dt>{t('funnel.weighted')}</dt>
          <dd>{money(props.funnel.open.weightedAmount)}</dd>
        </div>
        <div>
          <dt>{t('funnel.won')}</dt>
          <dd data-figure="won">
            {props.funnel.won.count} · {money(props.funnel.won.amount)}
          </dd>
        </div>
        <div>
          <dt>{t('funnel.lost')}</dt>
          <dd>
            {props.funnel.lost.count} · {money(props.funnel.lost.amount)}
          </dd>
        </div>
        <div>
          <dt>{t('funnel.winRate')}</dt>
          <dd>{share(props.funnel.winRate)}</dd>
        </div>
      </dl>
      <div class="table-card">
        <div class="admin-screen">
          <ScrollTable
            columns={[
              t('funnel.stage'),
              t('funnel.count'),
              t('funnel.amount'),
              t('funnel.weighted'),
              t('funnel.conversion'),
              t('funnel.days'),
            ]}
          >
            <For each={props.funnel.stages}>
              {(stage) => (
                <tr data-funnel-stage={stage.stage}>
                  <th scope="row">
                    {stageName(stage.name)} <span class="sales-muted">{stage.probability}%</span>
                  </th>
                  <td data-figure="count">{stage.count}</td>
                  <td>{money(stage.amount)}</td>
                  <td>{money(stage.weightedAmount)}</td>
                  <td>{share(stage.conversionToNext)}</td>
                  <td>{stage.averageDaysInStage ?? t('funnel.none')}</td>
                </tr>
              )}
            </For>
          </ScrollTable>
        </div>
      </div>
      <Show when={props.funnel.forecast.length > 0}>
        <h3>{t('funnel.forecast')}</h3>
        <div class="table-card">
          <div class="admin-screen">
            <ScrollTable
              columns={[t('funnel.month'), t('funnel.count'), t('funnel.amount'), t('funnel.weighted')]}
            >
              <For each={props.funnel.forecast}>
                {(month) => (
                  <tr>
                    <th scope="row">{month.month}</th>
                    <td>{month.count}</td>
                    <td>{money(month.amount)}</td>
                    <td>{money(month.weightedAmount)}</td>
                  </tr>
                )}
              </For>
            </ScrollTable>
          </div>
        </div>
      </Show>
    </section>
  );
}
