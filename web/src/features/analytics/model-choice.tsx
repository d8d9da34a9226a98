import { Show } from 'solid-js';
import type { ApiClient } from '../../lib/api/client.js';
import { Card } from '../../lib/ui/page.js';
import { VizDataTable } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';
import { ModelPin } from './model-pin.js';
import { type PurchaseModelName as ModelName, purchaseModelLabel } from './purchase-model-names.js';
import { TrackingCurves } from './tracking-curves.js';

/** 模型选择 (issue 13): which purchase model gives the scores, and how every candidate did on the holdout. */
export function ModelChoice(props: { fit: ModelFit; api: ApiClient; canPin: boolean }) {
  const { t, format, parameter } = useFitLabels();
  const nameOf = (model: ModelName, k: number) => purchaseModelLabel(model, k);
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
        <>
          <Card title={t('choice.title')}>
            <p class="viz-figure__description analytics__lead">{t('choice.description')}</p>
            <p data-model-choice={chosen().model}>
              <strong>{t('choice.inUse', { model: nameOf(chosen().model, chosen().k) })}</strong>
              {' — '}
              {t(`choice.reason.${chosen().reason}`)}
            </p>
            <ModelPin api={props.api} canPin={props.canPin} fit={props.fit} />
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
          <Show when={props.fit.modelChoice}>
            {(choice) => <TrackingCurves choice={choice()} inUse={props.fit.purchaseModel} />}
          </Show>
        </>
      )}
    </Show>
  );
}
