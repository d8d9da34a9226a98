import { Show } from 'solid-js';
import { VizFigure } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';

/** How many months the chart shows: two years read well. */
const MONTHS_SHOWN = 24;

/** The buyers per month over the calibration window (the fit's summary): what the model learned from. */
export function CalibrationActivity(props: { fit: ModelFit }) {
  const { t, format } = useFitLabels();
  const months = () => (props.fit.summary?.months ?? []).slice(-MONTHS_SHOWN);
  return (
    <Show when={months().length > 0}>
      <VizFigure
        title={t('activity.title')}
        chart={{
          kind: 'lines',
          categories: months().map((month) => month.month),
          series: [
            { label: t('activity.buyers'), values: months().map((month) => month.activeCustomers) },
            { label: t('activity.retained'), values: months().map((month) => month.retainedCustomers) },
            { label: t('activity.new'), values: months().map((month) => month.newCustomers) },
          ],
          formatValue: (value) => format.number(value),
        }}
        table={{
          columns: [t('activity.month'), t('activity.buyers'), t('activity.retained'), t('activity.new')],
          rows: months().map((month) => [
            month.month,
            format.number(month.activeCustomers),
            format.number(month.retainedCustomers),
            format.number(month.newCustomers),
          ]),
        }}
      />
    </Show>
  );
}
