import { Show } from 'solid-js';
import { Card } from '../../lib/ui/page.js';
import { VizDataTable } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';

type ModelName = NonNullable<ModelFit['purchaseModel']>['model'];

/** The models' names as the papers write them. */
const MODEL_NAMES: Record<ModelName, string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  bgcnbd: 'BG/CNBD-k',
  mbgcnbd: 'MBG/CNBD-k',
  paretonbd: 'Pareto/NBD',
};

/** 模型选择 (issue 13): which purchase model gives the scores, and how every candidate did on the holdout. */
export function ModelChoice(props: { fit: ModelFit }) {
  const { t, format, parameter } = useFitLabels();
  const nameOf = (model: ModelName, k: number) =>
    k > 1 ? `${MODEL_NAMES[model]} (k = ${k})` : MODEL_NAMES[model];
  const rows = () =>
    (props.fit.modelChoice?.candidates ?? []).map((candidate) => {
      const inUse =
        candidate.model === props.fit.purchaseModel?.model && candidate.k === props.fit.purchaseModel?.k;
      return [
        inUse
          ? `${nameOf(candidate.model, candidate.k)} · ${t('choice.inUseShort')}`
          : nameOf(candidate.model, candidate.k),
        candidate.error ? t('choice.failed') : parameter(candidate.customerMae),
        candidate.error ? t('none') : parameter(candidate.bucketMae),
        candidate.error ? t('none') : parameter(candidate.activeBrier),
        candidate.error ? t('none') : parameter(candidate.logLikelihood),
      ];
    });
  return (
    <Show when={props.fit.purchaseModel}>
      {(chosen) => (
        <Card title={t('choice.title')}>
          <p class="viz-figure__description analytics__lead">{t('choice.description')}</p>
          <p data-model-choice={chosen().model}>
            <strong>{t('choice.inUse', { model: nameOf(chosen().model, chosen().k) })}</strong>
            {' — '}
            {t(`choice.reason.${chosen().reason}`)}
          </p>
          <Show when={props.fit.modelChoice} fallback={<p class="muted">{t('choice.none')}</p>}>
            {(choice) => (
              <>
                <p class="muted">
                  {t('choice.split', {
                    cutoff: format.date(choice().calibrationCutoff),
                    weeks: format.number(choice().holdoutWeeks, { maximumFractionDigits: 1 }),
                  })}
                </p>
                <VizDataTable
                  caption={t('choice.title')}
                  captionHidden
                  table={{
                    columns: [
                      t('choice.model'),
                      t('choice.customerMae'),
                      t('choice.bucketMae'),
                      t('choice.brier'),
                      t('params.logLikelihood'),
                    ],
                    rows: rows(),
                    textColumns: [0],
                  }}
                />
              </>
            )}
          </Show>
        </Card>
      )}
    </Show>
  );
}
