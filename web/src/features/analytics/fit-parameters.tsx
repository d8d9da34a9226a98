import { Show } from 'solid-js';
import { Card } from '../../lib/ui/page.js';
import { VizDataTable } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';

type Row = [label: string, read: (fit: ModelFit) => string];

/** The fitted parameters, latest beside previous so a jump between fits shows. */
export function FitParameters(props: { latest: ModelFit; previous: ModelFit | null }) {
  const { t, format, parameter, count } = useFitLabels();
  const columns = () => [
    t('params.parameter'),
    t('params.latest'),
    ...(props.previous ? [t('params.previous')] : []),
  ];
  const rowsOf = (rows: readonly Row[]) =>
    rows.map(([label, read]) => [
      label,
      read(props.latest),
      ...(props.previous ? [read(props.previous)] : []),
    ]);
  const bgnbd: Row[] = [
    [t('bgnbd.r'), (fit) => parameter(fit.bgnbd?.r)],
    [t('bgnbd.alpha'), (fit) => parameter(fit.bgnbd?.alpha)],
    [t('bgnbd.a'), (fit) => parameter(fit.bgnbd?.a)],
    [t('bgnbd.b'), (fit) => parameter(fit.bgnbd?.b)],
    // Means of the mixing distributions (the paper's gamma and beta): what the four numbers say.
    [t('bgnbd.rate'), (fit) => parameter(fit.bgnbd ? fit.bgnbd.r / fit.bgnbd.alpha : null)],
    [
      t('bgnbd.dropout'),
      (fit) => (fit.bgnbd ? format.percent(fit.bgnbd.a / (fit.bgnbd.a + fit.bgnbd.b), 1) : t('none')),
    ],
    [t('params.logLikelihood'), (fit) => parameter(fit.bgnbd?.logLikelihood)],
    [t('params.iterations'), (fit) => count(fit.bgnbd?.iterations)],
    [t('params.gradientNorm'), (fit) => parameter(fit.bgnbd?.gradientNorm)],
    [t('params.method'), (fit) => fit.bgnbd?.method ?? t('none')],
  ];
  const money = (fit: ModelFit, minor: number | null | undefined) =>
    minor === null || minor === undefined ? t('none') : format.money(Math.round(minor), fit.currency);
  const gammaGamma: Row[] = [
    [t('gg.p'), (fit) => parameter(fit.gammaGamma?.p)],
    [t('gg.q'), (fit) => parameter(fit.gammaGamma?.q)],
    [t('gg.gamma'), (fit) => parameter(fit.gammaGamma?.gamma)],
    [t('gg.meanSpend'), (fit) => money(fit, fit.gammaGamma?.populationMeanSpend)],
    [t('gg.customers'), (fit) => count(fit.gammaGamma?.customers)],
    [t('params.logLikelihood'), (fit) => parameter(fit.gammaGamma?.logLikelihood)],
    [t('params.iterations'), (fit) => count(fit.gammaGamma?.iterations)],
  ];
  return (
    <div class="analytics__pair">
      <Card title={t('bgnbd.title')}>
        <p class="viz-figure__description analytics__lead">{t('bgnbd.description')}</p>
        <VizDataTable
          caption={t('bgnbd.title')}
          captionHidden
          table={{ columns: columns(), rows: rowsOf(bgnbd) }}
        />
      </Card>
      <Card title={t('gg.title')}>
        <p class="viz-figure__description analytics__lead">{t('gg.description')}</p>
        <Show when={props.latest.gammaGamma} fallback={<p class="notice">{t('gg.missing')}</p>}>
          <VizDataTable
            caption={t('gg.title')}
            captionHidden
            table={{ columns: columns(), rows: rowsOf(gammaGamma) }}
          />
        </Show>
      </Card>
    </div>
  );
}
