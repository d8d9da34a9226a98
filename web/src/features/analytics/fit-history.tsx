import { Card } from '../../lib/ui/page.js';
import { VizDataTable } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit, ModelState } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';

/** The runs the model endpoint keeps (latest, previous, last run), newest first, each once. */
export function fitsOf(model: ModelState): ModelFit[] {
  const fits = new Map<string, ModelFit>();
  for (const fit of [model.lastRun, model.latest, model.previous]) if (fit) fits.set(fit.id, fit);
  return [...fits.values()].sort((left, right) => right.startedAt.localeCompare(left.startedAt));
}

export function FitHistory(props: { model: ModelState }) {
  const { t, format, status, trigger, parameter, count, ms } = useFitLabels();
  const rows = () =>
    fitsOf(props.model).map((fit) => [
      format.date(fit.startedAt, true),
      status(fit.status),
      trigger(fit.trigger),
      fit.fittedAt ? format.date(fit.fittedAt, true) : t('none'),
      count(fit.diagnostics?.customers),
      parameter(fit.bgnbd?.logLikelihood),
      ms(fit.diagnostics?.totalMs),
      fit.error ? `${fit.error.code}: ${fit.error.message}` : (fit.warnings ?? []).join('; ') || t('none'),
    ]);
  return (
    <Card title={t('history.title')}>
      <p class="viz-figure__description analytics__lead">{t('history.description')}</p>
      <VizDataTable
        caption={t('history.title')}
        captionHidden
        table={{
          textColumns: [1, 2, 7],
          columns: [
            t('history.started'),
            t('history.status'),
            t('history.trigger'),
            t('history.finished'),
            t('history.customers'),
            t('history.logLikelihood'),
            t('history.duration'),
            t('history.note'),
          ],
          rows: rows(),
        }}
      />
    </Card>
  );
}
