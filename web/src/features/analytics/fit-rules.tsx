import { Card } from '../../lib/ui/page.js';
import { VizDataTable } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';

/** The RFM and ABC cut-offs the fit derived and the CLV settings it scored with. */
export function FitRules(props: { fit: ModelFit }) {
  const { t, format, count } = useFitLabels();
  const money = (minor: number | null | undefined) =>
    minor === null || minor === undefined ? t('none') : format.money(Math.round(minor), props.fit.currency);
  const list = (values: readonly number[] | undefined, show: (value: number) => string) =>
    values ? values.map(show).join(' · ') : t('none');
  const rows = () => {
    const fit = props.fit;
    return [
      [t('rules.rfmRecency'), list(fit.rfm?.recencyDays, (value) => count(Math.round(value)))],
      [
        t('rules.rfmFrequency'),
        list(fit.rfm?.frequency, (value) => format.number(value, { maximumFractionDigits: 1 })),
      ],
      [t('rules.rfmMonetary'), list(fit.rfm?.monetary, money)],
      [
        t('rules.abc'),
        fit.abc
          ? `A ${format.percent(fit.abc.thresholds.a)} · B ${format.percent(fit.abc.thresholds.b)}`
          : t('none'),
      ],
      [
        t('rules.abcCutoffs'),
        fit.abc ? `A ${money(fit.abc.cutoffs.minA)} · B ${money(fit.abc.cutoffs.minB)}` : t('none'),
      ],
      [
        t('rules.clv'),
        fit.clv
          ? t('rules.clvValue', {
              months: fit.clv.horizonMonths,
              discount: format.percent(fit.clv.monthlyDiscountRate, 2),
              margin: format.percent(fit.clv.margin),
            })
          : t('none'),
      ],
    ];
  };
  return (
    <Card title={t('rules.title')}>
      <VizDataTable
        caption={t('rules.title')}
        captionHidden
        table={{ columns: [t('rules.setting'), t('rules.value')], rows: rows() }}
      />
    </Card>
  );
}
