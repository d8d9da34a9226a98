import { createEffect, createSignal, Match, onCleanup, Switch } from 'solid-js';
import type { RefitState } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';

/** The refit's progress (indeterminate: the API reports no fraction) and its outcome. */
export function RefitStatus(props: { state: RefitState }) {
  const { t, format } = useFitLabels();
  const [now, setNow] = createSignal(Date.now());
  createEffect(() => {
    if (props.state.phase !== 'running') return;
    setNow(Date.now());
    const ticker = setInterval(() => setNow(Date.now()), 1000);
    onCleanup(() => clearInterval(ticker));
  });
  return (
    <div role="status" aria-live="polite" class="analytics__status">
      <Switch>
        <Match when={props.state.phase === 'running' && props.state}>
          {(running) => (
            <div class="analytics__progress">
              <progress class="analytics__progress-bar" aria-label={t('refit.progress')} />
              <p>
                {t('refit.elapsed', {
                  seconds: format.number(Math.max(0, Math.round((now() - running().startedAt) / 1000))),
                })}
              </p>
            </div>
          )}
        </Match>
        <Match when={props.state.phase === 'succeeded' && props.state}>
          {(succeeded) => (
            <p class="callout analytics__done">
              {t('refit.done', {
                date: format.date(succeeded().fit.fittedAt ?? succeeded().fit.startedAt, true),
              })}
            </p>
          )}
        </Match>
        <Match when={props.state.phase === 'failed' && props.state}>
          {(failed) => (
            <div class="analytics__failure" role="alert">
              <p class="analytics__failure-title">{t('refit.failed')}</p>
              <p>{failed().message}</p>
              <p class="muted">{t('lastRun.code', { code: failed().code })}</p>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
