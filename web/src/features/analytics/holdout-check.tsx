import { createSignal, Match, Show, Switch } from 'solid-js';
import type { ApiClient } from '../../lib/api/client.js';
import { unwrap } from '../../lib/api/errors.js';
import { useFieldErrors } from '../../lib/api/field-issue-text.js';
import { Button } from '../../lib/ui/button.js';
import { FormField } from '../../lib/ui/form-field.js';
import { Card } from '../../lib/ui/page.js';
import { ErrorState, LoadingState } from '../../lib/ui/states.js';
import { VizFigure } from '../../lib/ui/viz/viz-figure.js';
import { useFitLabels } from './fit-labels.js';

/** GET /v1/analytics/holdout: fit up to the cutoff, then expected against actual after it. */
export function fetchHoldoutCheck(api: ApiClient, query: { cutoff?: string; end?: string }) {
  return unwrap(api.GET('/v1/analytics/holdout', { params: { query } }));
}
export type HoldoutCheck = Awaited<ReturnType<typeof fetchHoldoutCheck>>;

type CheckState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; check: HoldoutCheck }
  | { phase: 'failed'; error: unknown };

/** Only the dates the user typed are sent: the API picks the defaults (halfway, today). */
function queryOf(cutoff: string, end: string) {
  return { ...(cutoff ? { cutoff } : {}), ...(end ? { end } : {}) };
}

function HoldoutFacts(props: { check: HoldoutCheck }) {
  const { t, format, count, parameter } = useFitLabels();
  const errors = () => props.check.errors;
  const endError = () => {
    const share = errors().cumulativeEndError;
    return share === null ? t('none') : format.percent(share, 1);
  };
  return (
    <dl class="analytics__facts">
      <dt>{t('holdout.calibrationEnd')}</dt>
      <dd>{props.check.cutoff}</dd>
      <dt>{t('holdout.end')}</dt>
      <dd>{t('holdout.endValue', { end: props.check.end, weeks: parameter(props.check.holdoutWeeks) })}</dd>
      <dt>{t('holdout.customers')}</dt>
      <dd>{count(props.check.customers)}</dd>
      <dt>{t('holdout.totals')}</dt>
      <dd>
        {t('holdout.totalsValue', {
          actual: count(errors().totalActual),
          expected: parameter(errors().totalExpected),
        })}
      </dd>
      <dt>{t('holdout.endError')}</dt>
      <dd>{endError()}</dd>
      <dt>{t('holdout.mape')}</dt>
      <dd>{format.percent(errors().cumulativeMape, 1)}</dd>
      <dt>{t('holdout.customerMae')}</dt>
      <dd>{parameter(errors().customerMae)}</dd>
    </dl>
  );
}

/** Expected against actual, over time and by how often each customer bought before the cutoff. */
function HoldoutFigures(props: { check: HoldoutCheck }) {
  const { t, format, count, parameter } = useFitLabels();
  return (
    <>
      <VizFigure
        title={t('holdout.cumulativeTitle')}
        description={t('holdout.cumulativeDescription')}
        chart={{
          kind: 'lines',
          categories: props.check.cumulative.map((point) => String(point.week)),
          series: [
            { label: t('holdout.actual'), values: props.check.cumulative.map((point) => point.actual) },
            { label: t('holdout.expected'), values: props.check.cumulative.map((point) => point.expected) },
          ],
          formatValue: (value) => format.number(value, { maximumFractionDigits: 0 }),
        }}
        table={{
          columns: [t('holdout.week'), t('holdout.actual'), t('holdout.expected')],
          rows: props.check.cumulative.map((point) => [
            String(point.week),
            format.number(point.actual),
            format.number(point.expected, { maximumFractionDigits: 1 }),
          ]),
        }}
      />
      <VizFigure
        title={t('holdout.byFrequencyTitle')}
        description={t('holdout.byFrequencyDescription')}
        chart={{
          kind: 'bars',
          categories: props.check.byFrequency.map((group) => group.x),
          series: [
            { label: t('holdout.actual'), values: props.check.byFrequency.map((group) => group.actual) },
            { label: t('holdout.expected'), values: props.check.byFrequency.map((group) => group.expected) },
          ],
          formatValue: (value) => format.number(value, { maximumFractionDigits: 2 }),
        }}
        table={{
          columns: [
            t('holdout.repeats'),
            t('holdout.groupCustomers'),
            t('holdout.actual'),
            t('holdout.expected'),
          ],
          rows: props.check.byFrequency.map((group) => [
            group.x,
            count(group.customers),
            parameter(group.actual),
            parameter(group.expected),
          ]),
        }}
      />
    </>
  );
}

/**
 * The holdout check (Fader, Hardie & Lee 2005, §4) on demand: it refits on the orders before the
 * cutoff each time, which takes seconds on a large book, so it runs when asked rather than on load.
 */
export function HoldoutCheckCard(props: { api: ApiClient }) {
  const fieldErrorsIn = useFieldErrors();
  const { t } = useFitLabels();
  const [cutoff, setCutoff] = createSignal('');
  const [end, setEnd] = createSignal('');
  const [state, setState] = createSignal<CheckState>({ phase: 'idle' });
  const failed = () => {
    const current = state();
    return current.phase === 'failed' ? current : undefined;
  };
  const done = () => {
    const current = state();
    return current.phase === 'done' ? current : undefined;
  };
  const fieldErrors = () => fieldErrorsIn(failed()?.error);

  const run = async (event: SubmitEvent) => {
    event.preventDefault();
    setState({ phase: 'running' });
    try {
      setState({ phase: 'done', check: await fetchHoldoutCheck(props.api, queryOf(cutoff(), end())) });
    } catch (error) {
      setState({ phase: 'failed', error });
    }
  };

  return (
    <>
      <Card title={t('holdout.title')} class="analytics__holdout">
        <p class="muted">{t('holdout.description')}</p>
        <form class="analytics__holdout-form" onSubmit={(event) => void run(event)}>
          <FormField
            name="cutoff"
            type="date"
            label={t('holdout.cutoff')}
            description={t('holdout.cutoffHint')}
            value={cutoff()}
            onChange={setCutoff}
            error={fieldErrors().cutoff}
          />
          <FormField
            name="end"
            type="date"
            label={t('holdout.endField')}
            description={t('holdout.endHint')}
            value={end()}
            onChange={setEnd}
            error={fieldErrors().end}
          />
          <Button type="submit" variant="secondary" disabled={state().phase === 'running'}>
            {state().phase === 'running' ? t('holdout.running') : t('holdout.run')}
          </Button>
        </form>
        <Switch>
          <Match when={state().phase === 'running'}>
            <LoadingState label={t('holdout.running')} />
          </Match>
          <Match when={failed()}>
            {(failed) => <ErrorState title={t('holdout.failed')} error={failed().error} />}
          </Match>
          <Match when={done()}>{(result) => <HoldoutFacts check={result().check} />}</Match>
          <Match when={state().phase === 'idle'}>
            <p class="muted">{t('holdout.idle')}</p>
          </Match>
        </Switch>
      </Card>
      <Show when={done()}>{(result) => <HoldoutFigures check={result().check} />}</Show>
    </>
  );
}
