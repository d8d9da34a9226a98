import { A } from '@solidjs/router';
import { createEffect, createResource, on, Show } from 'solid-js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import './analytics.css';
import { CalibrationActivity } from './calibration-activity.js';
import { createRefit, fetchModel, type ModelFit } from './create-refit.js';
import { FitHistory } from './fit-history.js';
import { useFitLabels } from './fit-labels.js';
import { FitOverview } from './fit-overview.js';
import { FitParameters } from './fit-parameters.js';
import { FitRules } from './fit-rules.js';
import { HoldoutCheckCard } from './holdout-check.js';
import { ModelChoice } from './model-choice.js';
import { RefitStatus } from './refit-status.js';

/** Who may refit and pin a model: the API allows owners and admins (POST refit, PUT policy). */
const REFIT_ROLES: ReadonlySet<string> = new Set(['owner', 'admin']);

function LastRunFailure(props: { run: ModelFit }) {
  const { t, format } = useFitLabels();
  return (
    <div class="analytics__failure">
      <p class="analytics__failure-title">
        {t('lastRun.failedTitle', { date: format.date(props.run.fittedAt ?? props.run.startedAt, true) })}
      </p>
      <p>{props.run.error?.message ?? t('none')}</p>
      <Show when={props.run.error?.code}>
        {(code) => <p class="muted">{t('lastRun.code', { code: code() })}</p>}
      </Show>
    </div>
  );
}

/** 客户价值分析: the model fit and its diagnostics, its history, and a refit with progress. */
export function AnalyticsPage() {
  const { t } = useFitLabels();
  const api = useApi();
  const { session } = useAuth();
  const [model, { mutate, refetch }] = createResource(() => fetchModel(api));
  const refit = createRefit({ api, onModel: (next) => mutate(next) });
  const running = () => refit.state().phase === 'running';
  const canRefit = () => REFIT_ROLES.has(session()?.user.role ?? '');

  // A run already going when the screen opens (the nightly one, another tab) is followed as well.
  createEffect(
    on(model, (state) => {
      const run = state?.lastRun;
      if (run?.status === 'running' && refit.state().phase === 'idle') {
        refit.follow(run.id, Date.parse(run.startedAt));
      }
    }),
  );

  const lastRunFailed = () => {
    const run = model()?.lastRun;
    return run?.status === 'failed' && refit.state().phase !== 'failed' ? run : undefined;
  };

  return (
    <Page
      title={t('title')}
      term="客户价值"
      description={t('description')}
      actions={
        <Show when={canRefit()} fallback={<p class="muted">{t('refit.adminOnly')}</p>}>
          <Button onClick={() => void refit.start()} disabled={running()}>
            {running() ? t('refit.running') : t('refit.button')}
          </Button>
        </Show>
      }
    >
      <div class="analytics">
        <RefitStatus state={refit.state()} />
        <AsyncView
          resource={model}
          onRetry={() => void refetch()}
          isEmpty={(state) => !state.latest}
          empty={
            <>
              <Show when={lastRunFailed()}>{(run) => <LastRunFailure run={run()} />}</Show>
              <EmptyState
                title={t('empty.title')}
                action={
                  <div class="state__actions">
                    <A href="/imports" class="button button--secondary">
                      {t('empty.import')}
                    </A>
                  </div>
                }
              >
                {t('empty.body')}
              </EmptyState>
            </>
          }
        >
          {(state) => (
            <Show when={state.latest}>
              {(latest) => (
                <>
                  <Show when={lastRunFailed()}>{(run) => <LastRunFailure run={run()} />}</Show>
                  <FitOverview fit={latest()} />
                  <ModelChoice fit={latest()} api={api} canPin={canRefit()} />
                  <FitParameters latest={latest()} previous={state.previous} />
                  <CalibrationActivity fit={latest()} />
                  <HoldoutCheckCard api={api} />
                  <FitRules fit={latest()} />
                  <FitHistory model={state} />
                </>
              )}
            </Show>
          )}
        </AsyncView>
      </div>
    </Page>
  );
}
