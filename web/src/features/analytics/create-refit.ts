import { createSignal, onCleanup } from 'solid-js';
import type { ApiClient } from '../../lib/api/client.js';
import { ApiError, type ErrorBody, unwrap } from '../../lib/api/errors.js';

/** GET /v1/analytics/model: the latest fit, the previous one and the most recent run. */
export function fetchModel(api: ApiClient) {
  return unwrap(api.GET('/v1/analytics/model'));
}
export type ModelState = Awaited<ReturnType<typeof fetchModel>>;
/** A fit as the model endpoint gives it (latest, previous or last run). */
export type ModelFit = NonNullable<ModelState['latest']>;

export type RefitState =
  | { phase: 'idle' }
  | { phase: 'running'; startedAt: number }
  | { phase: 'succeeded'; fit: ModelFit }
  | { phase: 'failed'; message: string; code: string };

/** How often a running fit is looked at. */
export const REFIT_POLL_MS = 1500;

function failureOf(fit: ModelFit): RefitState {
  return {
    phase: 'failed',
    message: fit.error?.message ?? 'unknown reason',
    code: fit.error?.code ?? 'failed',
  };
}

/**
 * Starts a refit and follows it to the end. The API answers 200 when the fit finishes within its
 * wait, 202 while it still runs (then the model state is polled until that run ends), 422 when it
 * cannot be fitted (the failed fit with its reason). `onModel` receives each model state read, so
 * the screen shows the new fit as soon as it is stored.
 */
export function createRefit(options: {
  api: ApiClient;
  onModel: (model: ModelState) => void;
  pollMs?: number;
}) {
  const [state, setState] = createSignal<RefitState>({ phase: 'idle' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
  });

  const settle = (model: ModelState, fitId: string): boolean => {
    const run = [model.lastRun, model.latest].find((fit) => fit?.id === fitId);
    if (!run || run.status === 'running') return false;
    setState(run.status === 'succeeded' ? { phase: 'succeeded', fit: run } : failureOf(run));
    return true;
  };

  /** Polls the model state until the run `fitId` has finished. */
  const follow = (fitId: string, startedAt = Date.now()) => {
    setState({ phase: 'running', startedAt });
    const poll = async () => {
      if (disposed) return;
      try {
        const model = await fetchModel(options.api);
        if (disposed) return;
        options.onModel(model);
        if (!settle(model, fitId)) timer = setTimeout(poll, options.pollMs ?? REFIT_POLL_MS);
      } catch (error) {
        setState({
          phase: 'failed',
          message: error instanceof Error ? error.message : String(error),
          code: error instanceof ApiError ? error.code : 'network',
        });
      }
    };
    timer = setTimeout(poll, options.pollMs ?? REFIT_POLL_MS);
  };

  const start = async () => {
    if (state().phase === 'running') return;
    const startedAt = Date.now();
    setState({ phase: 'running', startedAt });
    try {
      const { data, error, response } = await options.api.POST('/v1/analytics/refit');
      if (response.status === 202 && data) {
        follow(data.fit.id, startedAt);
        return;
      }
      if (response.ok && data) {
        setState(data.fit.status === 'failed' ? failureOf(data.fit) : { phase: 'succeeded', fit: data.fit });
      } else {
        const body = error as ErrorBody | undefined;
        const fit = body?.error.details?.fit as ModelFit | undefined;
        setState(
          fit?.error
            ? failureOf(fit)
            : {
                phase: 'failed',
                message: body?.error.message ?? response.statusText,
                code: body?.error.code ?? `http_${response.status}`,
              },
        );
      }
      options.onModel(await fetchModel(options.api));
    } catch (error) {
      setState({
        phase: 'failed',
        message: error instanceof Error ? error.message : String(error),
        code: error instanceof ApiError ? error.code : 'network',
      });
    }
  };

  return { state, start, follow };
}
