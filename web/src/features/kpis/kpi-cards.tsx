import { For, Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { KpiValue } from '../../lib/ui/kpi-value.js';
import { Card } from '../../lib/ui/page.js';
import { kpiMessages } from './messages.js';

export type Kpis = components['schemas']['Kpis'];

export type KpiCard = { key: string; label: string; value: string; hint: string };

/** One figure as a card: label, value, what it was computed from. */
export function KpiCardView(props: { card: KpiCard }) {
  return (
    <div data-kpi={props.card.key}>
      <Card class="kpi">
        <p class="kpi__label">{props.card.label}</p>
        <KpiValue value={props.card.value} name="value" />
        <Show when={props.card.hint}>
          <p class="kpi__hint">{props.card.hint}</p>
        </Show>
      </Card>
    </div>
  );
}

export function KpiCardGrid(props: { cards: KpiCard[] }) {
  return (
    <div class="kpis">
      <For each={props.cards}>{(card) => <KpiCardView card={card} />}</For>
    </div>
  );
}

/** The figures of the response as cards, in the language of the screen. */
export function useKpiCards() {
  const t = useMessages(kpiMessages);
  const format = useFormat();
  const share = (value: number | null | undefined) => (value == null ? t('none') : format.percent(value, 1));
  const hours = (value: number | null) =>
    value === null ? t('none') : t('hours', { hours: format.number(value, { maximumFractionDigits: 1 }) });
  const score = (value: number | null) =>
    value === null ? t('none') : format.number(value, { maximumFractionDigits: 1 });
  return (kpis: Kpis): KpiCard[] => [
    {
      key: 'retention',
      label: t('card.retention'),
      value: share(kpis.retention.rate),
      hint:
        t('card.retentionHint', {
          retained: format.number(kpis.retention.retained),
          previous: format.number(kpis.retention.previousBuyers),
        }) +
        // Counts the order instants could not decide: the figures are upper bounds (docs/kpis.md).
        (kpis.retention.retainedUncertain > 0 || kpis.retention.previousBuyersUncertain > 0
          ? t('card.retentionUncertain', {
              retained: format.number(kpis.retention.retainedUncertain),
              previous: format.number(kpis.retention.previousBuyersUncertain),
            })
          : ''),
    },
    {
      key: 'acquisition',
      label: t('card.acquisition'),
      value: format.number(kpis.acquisition.newBuyers),
      hint: t('card.acquisitionHint', {
        rate: share(kpis.acquisition.rate),
        base: format.number(kpis.acquisition.buyersAtStart),
        created: format.number(kpis.acquisition.newCustomers),
      }),
    },
    {
      key: 'active',
      label: t('card.active'),
      value: share(kpis.activity.activeShare),
      hint: t('card.activeHint', {
        active: format.number(kpis.activity.active),
        buyers: format.number(kpis.activity.buyers),
      }),
    },
    {
      key: 'dormant',
      label: t('card.dormant'),
      value: share(kpis.activity.dormantShare),
      hint: t('card.dormantHint', {
        dormant: format.number(kpis.activity.dormant),
        lost: format.number(kpis.activity.lost),
        atRisk: format.number(kpis.activity.atRisk),
      }),
    },
    {
      key: 'csat',
      label: t('card.csat'),
      value: kpis.satisfaction.csat.csat === null ? t('none') : `${score(kpis.satisfaction.csat.csat)} %`,
      hint: t('card.csatHint', { count: format.number(kpis.satisfaction.csat.count) }),
    },
    {
      key: 'nps',
      label: t('card.nps'),
      value: score(kpis.satisfaction.nps.nps),
      hint: t('card.npsHint', {
        promoters: format.number(kpis.satisfaction.nps.promoters),
        detractors: format.number(kpis.satisfaction.nps.detractors),
      }),
    },
    {
      key: 'resolution',
      label: t('card.resolution'),
      value: hours(kpis.complaints.medianHours),
      hint: t('card.resolutionHint', {
        p90: hours(kpis.complaints.p90Hours),
        closed: format.number(kpis.complaints.closed),
        open: format.number(kpis.complaints.openNow),
      }),
    },
    {
      key: 'leadConversion',
      label: t('card.leadConversion'),
      value: share(kpis.funnel.leadConversionRate),
      hint: t('card.leadConversionHint', {
        converted: format.number(kpis.funnel.leadsConverted),
        created: format.number(kpis.funnel.leadsCreated),
      }),
    },
    {
      key: 'winRate',
      label: t('card.winRate'),
      value: share(kpis.funnel.winRate),
      hint: t('card.winRateHint', {
        won: format.number(kpis.funnel.won),
        lost: format.number(kpis.funnel.lost),
        amount: format.money(kpis.funnel.wonAmount),
      }),
    },
    {
      key: 'velocity',
      label: t('card.velocity'),
      value: score(kpis.funnel.meanDaysToWin),
      hint: t('card.velocityHint'),
    },
    {
      key: 'campaigns',
      label: t('card.campaigns'),
      value: share(kpis.campaigns.conversionRate),
      hint: t('card.campaignsHint', {
        campaigns: format.number(kpis.campaigns.campaigns),
        recipients: format.number(kpis.campaigns.recipients),
      }),
    },
  ];
}
