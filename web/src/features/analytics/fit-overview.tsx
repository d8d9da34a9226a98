import { For, Show } from 'solid-js';
import { Card } from '../../lib/ui/page.js';
import { VizDataTable } from '../../lib/ui/viz/viz-figure.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';

/** When, on what and how fast the latest fit ran, and whether it converged. */
export function FitOverview(props: { fit: ModelFit }) {
  const { t, format, count, ms, trigger } = useFitLabels();
  const diagnostics = () => props.fit.diagnostics ?? {};
  const calibration = () =>
    props.fit.calibration
      ? t('fit.calibrationRange', {
          from: props.fit.calibration.from ?? t('none'),
          to: props.fit.calibration.to,
        })
      : t('none');
  const converged = () =>
    diagnostics().converged === undefined ? t('none') : diagnostics().converged ? t('fit.yes') : t('fit.no');
  return (
    <div class="analytics__pair">
      <Card title={t('fit.title')}>
        <dl class="analytics__facts">
          <dt>{t('fit.fittedAt')}</dt>
          <dd>{format.date(props.fit.fittedAt ?? props.fit.startedAt, true)}</dd>
          <dt>{t('fit.trigger')}</dt>
          <dd>{trigger(props.fit.trigger)}</dd>
          <dt>{t('fit.calibration')}</dt>
          <dd>{calibration()}</dd>
          <dt>{t('fit.currency')}</dt>
          <dd>{props.fit.currency ?? t('none')}</dd>
          <dt>{t('fit.converged')}</dt>
          <dd>{converged()}</dd>
          <dt>{t('fit.customers')}</dt>
          <dd>{count(diagnostics().customers)}</dd>
          <dt>{t('fit.repeaters')}</dt>
          <dd>{count(diagnostics().repeaters)}</dd>
          <dt>{t('fit.customersRead')}</dt>
          <dd>{count(diagnostics().customersRead)}</dd>
          <dt>{t('fit.orders')}</dt>
          <dd>{count(diagnostics().orders)}</dd>
          {/* Above the sample limit the parameters come from a sample: say so, or they read as everyone's. */}
          <Show when={props.fit.sample}>
            {(sample) => (
              <>
                <dt>{t('fit.sample')}</dt>
                <dd>
                  {t('fit.sampleValue', { customers: count(sample().customers), of: count(sample().of) })}
                  <p class="muted analytics__note">{t('fit.sampleNote', { seed: sample().seed })}</p>
                </dd>
              </>
            )}
          </Show>
        </dl>
        <Show when={props.fit.warnings?.length}>
          <div class="notice analytics__warnings">
            <p>{t('fit.warnings')}</p>
            <ul>
              <For each={props.fit.warnings}>{(warning) => <li>{warning}</li>}</For>
            </ul>
          </div>
        </Show>
      </Card>
      <Card title={t('timing.title')}>
        <VizDataTable
          caption={t('timing.title')}
          captionHidden
          table={{
            columns: [t('timing.step'), t('timing.time')],
            rows: [
              [t('timing.read'), ms(diagnostics().readMs)],
              [t('timing.fit'), ms(diagnostics().fitMs)],
              [t('timing.score'), ms(diagnostics().scoreMs)],
              [t('timing.total'), ms(diagnostics().totalMs)],
            ],
          }}
        />
      </Card>
    </div>
  );
}
