import { createSignal, For, Show } from 'solid-js';
import { VizFigure } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';
import { purchaseModelLabel } from './purchase-model-names.js';

type ModelChoice = NonNullable<ModelFit['modelChoice']>;

/** Where the calibration ends between the plotted weeks (a fractional category position). */
export function splitPosition(weeks: readonly number[], calibrationWeeks: number): number {
  const after = weeks.findIndex((week) => week >= calibrationWeeks);
  if (after <= 0) return after === 0 ? 0 : weeks.length - 1;
  const from = weeks[after - 1] as number;
  const to = weeks[after] as number;
  return after - 1 + (calibrationWeeks - from) / (to - from);
}

/**
 * The tracking plot per candidate (Fader, Hardie & Lee 2005, Figure 3): the cohort's cumulative
 * repeat purchases by week, actual against the model's expectation, over the calibration and the
 * holdout (the dashed line). One candidate at a time, the model in use first.
 */
export function TrackingCurves(props: {
  choice: ModelChoice;
  inUse: { model: string; k: number } | undefined;
}) {
  const { t, format } = useFitLabels();
  const plotted = () => props.choice.candidates.filter((c) => c.trackingExpected && !c.error);
  const initial = () => {
    const list = plotted();
    const index = list.findIndex((c) => c.model === props.inUse?.model && c.k === props.inUse?.k);
    return Math.max(0, index);
  };
  const [picked, setPicked] = createSignal<number | undefined>();
  const candidate = () => plotted()[picked() ?? initial()];
  return (
    <Show when={props.choice.tracking}>
      {(tracking) => (
        <Show when={candidate()}>
          {(shown) => {
            const expected = () => shown().trackingExpected ?? [];
            const period = (week: number) =>
              week > tracking().calibrationWeeks ? t('tracking.holdout') : t('tracking.calibration');
            return (
              <div class="analytics__tracking" data-tracking-model={shown().model}>
                <label>
                  {t('tracking.model')}{' '}
                  <select
                    name="trackingModel"
                    value={String(picked() ?? initial())}
                    onChange={(event) => setPicked(Number(event.currentTarget.value))}
                  >
                    <For each={plotted()}>
                      {(c, index) => (
                        <option value={String(index())}>{purchaseModelLabel(c.model, c.k)}</option>
                      )}
                    </For>
                  </select>
                </label>
                <VizFigure
                  title={t('tracking.title', { model: purchaseModelLabel(shown().model, shown().k) })}
                  description={t('tracking.description', {
                    start: format.date(tracking().start),
                    weeks: format.number(tracking().calibrationWeeks, { maximumFractionDigits: 1 }),
                  })}
                  chart={{
                    kind: 'lines',
                    categories: tracking().weeks.map(String),
                    series: [
                      { label: t('holdout.actual'), values: tracking().actual },
                      { label: t('holdout.expected'), values: expected() },
                    ],
                    formatValue: (value) => format.number(value, { maximumFractionDigits: 0 }),
                    markerAt: splitPosition(tracking().weeks, tracking().calibrationWeeks),
                  }}
                  table={{
                    columns: [
                      t('holdout.week'),
                      t('tracking.period'),
                      t('holdout.actual'),
                      t('holdout.expected'),
                    ],
                    rows: tracking().weeks.map((week, i) => [
                      String(week),
                      period(week),
                      format.number(tracking().actual[i] ?? 0),
                      expected()[i] === null || expected()[i] === undefined
                        ? t('none')
                        : format.number(expected()[i] as number, { maximumFractionDigits: 1 }),
                    ]),
                    textColumns: [1],
                  }}
                />
              </div>
            );
          }}
        </Show>
      )}
    </Show>
  );
}
