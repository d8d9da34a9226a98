import { useFormat } from '../../lib/format/use-format.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { VizFigure } from '../../lib/ui/viz/viz-figure.js';
import type { Summary } from './dashboard-figures.js';
import { dashboardMessages } from './messages.js';

/** How many months the retention chart shows: two years read well; older ones are in the model. */
const MONTHS_SHOWN = 24;

type SegmentKey = `segment.${string}`;

/** A segment's name in the current language; English keeps the Chinese term beside it in tables. */
function useSegmentName() {
  const t = useMessages(dashboardMessages);
  const { locale } = useLocale();
  return (segment: { segment: string; name: string }, withTerm: boolean) => {
    const key = `segment.${segment.segment}` as SegmentKey;
    const known = t(key as Parameters<typeof t>[0]);
    const label = known === key ? segment.name : known;
    return withTerm && locale() === 'en' && label !== segment.name ? `${label} (${segment.name})` : label;
  };
}

export function RetentionChart(props: { months: Summary['months'] }) {
  const t = useMessages(dashboardMessages);
  const format = useFormat();
  const months = () => props.months.slice(-MONTHS_SHOWN);
  const rate = (value: number | null) => (value === null ? '—' : format.percent(value, 1));
  return (
    <VizFigure
      title={t('months.title')}
      description={`${t('months.description')}${props.months.length > MONTHS_SHOWN ? ` ${t('months.lastMonths', { count: MONTHS_SHOWN })}` : ''}`}
      chart={{
        kind: 'lines',
        categories: months().map((month) => month.month),
        series: [
          { label: t('months.retention'), values: months().map((month) => month.retentionRate) },
          { label: t('months.acquisition'), values: months().map((month) => month.acquisitionRate) },
        ],
        formatValue: (value) => format.percent(value),
      }}
      table={{
        columns: [
          t('months.month'),
          t('months.active'),
          t('months.retained'),
          t('months.retention'),
          t('months.new'),
          t('months.base'),
          t('months.acquisition'),
        ],
        rows: months().map((month) => [
          month.month,
          format.number(month.activeCustomers),
          format.number(month.retainedCustomers),
          rate(month.retentionRate),
          format.number(month.newCustomers),
          format.number(month.customerBase),
          rate(month.acquisitionRate),
        ]),
      }}
    />
  );
}

export function DecileChart(props: { deciles: Summary['valueDistribution']; currency: string }) {
  const t = useMessages(dashboardMessages);
  const format = useFormat();
  const money = (minor: number) => format.money(minor, props.currency);
  return (
    <VizFigure
      title={t('deciles.title')}
      description={t('deciles.description')}
      chart={{
        kind: 'bars',
        categories: props.deciles.map((decile) => String(decile.decile)),
        series: [{ label: t('deciles.share'), values: props.deciles.map((decile) => decile.share) }],
        formatValue: (value) => format.percent(value),
      }}
      table={{
        columns: [
          t('deciles.decile'),
          t('deciles.customers'),
          t('deciles.range'),
          t('deciles.total'),
          t('deciles.share'),
        ],
        rows: props.deciles.map((decile) => [
          String(decile.decile),
          format.number(decile.customers),
          `${money(decile.min)} – ${money(decile.max)}`,
          money(decile.total),
          format.percent(decile.share, 1),
        ]),
      }}
    />
  );
}

export function AbcChart(props: { abc: Summary['abc'] }) {
  const t = useMessages(dashboardMessages);
  const format = useFormat();
  const classes = ['A', 'B', 'C'] as const;
  const total = () => classes.reduce((sum, name) => sum + props.abc.counts[name], 0);
  const customerShare = (name: (typeof classes)[number]) =>
    total() > 0 ? props.abc.counts[name] / total() : 0;
  return (
    <VizFigure
      title={t('abc.title')}
      description={t('abc.description', {
        a: format.percent(props.abc.thresholds.a),
        b: format.percent(props.abc.thresholds.b),
      })}
      chart={{
        kind: 'bars',
        categories: classes,
        series: [
          { label: t('abc.customerShare'), values: classes.map(customerShare) },
          { label: t('abc.valueShare'), values: classes.map((name) => props.abc.shares[name]) },
        ],
        formatValue: (value) => format.percent(value),
      }}
      table={{
        columns: [t('abc.class'), t('abc.customers'), t('abc.customerShare'), t('abc.valueShare')],
        rows: classes.map((name) => [
          name,
          format.number(props.abc.counts[name]),
          format.percent(customerShare(name), 1),
          format.percent(props.abc.shares[name], 1),
        ]),
      }}
    />
  );
}

export function SegmentChart(props: { segments: Summary['segments'] }) {
  const t = useMessages(dashboardMessages);
  const format = useFormat();
  const nameOf = useSegmentName();
  return (
    <VizFigure
      title={t('segments.title')}
      description={t('segments.description')}
      chart={{
        kind: 'bars',
        categories: props.segments.map((segment) => nameOf(segment, false)),
        series: [
          { label: t('segments.customers'), values: props.segments.map((segment) => segment.customers) },
        ],
        formatValue: (value) => format.number(value),
        slantLabels: true,
      }}
      table={{
        columns: [t('segments.segment'), t('segments.customers')],
        rows: props.segments.map((segment) => [nameOf(segment, true), format.number(segment.customers)]),
      }}
    />
  );
}

export { useSegmentName };
