import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { SegmentSelect } from '../segments/segment-select.js';
import { surveysMessages } from './messages.js';

type SendResult = components['schemas']['SurveySendResult'];
type SendRun = components['schemas']['SurveySendRun'];
const SEARCH_DELAY_MS = 250;
/** How often a running send's progress is read again. */
export const RUN_POLL_MS = 2_000;

const RUN_COUNTS = [
  ['invited', 'send.run.invited'],
  ['alreadyInvited', 'send.run.alreadyInvited'],
  ['skippedNoConsent', 'send.run.skippedNoConsent'],
  ['skippedNoEmail', 'send.run.skippedNoEmail'],
  ['skippedArchived', 'send.run.skippedArchived'],
  ['bounced', 'send.run.bounced'],
] as const;

/**
 * Send the survey to customers picked by search, reporting who was skipped; or to the members of
 * a saved segment of any size: the API starts a send run, whose progress and counts (invited,
 * already invited, skipped by consent, address or archive) this reads again until it ends.
 */
export function SurveySendDialog(props: { surveyId: string; onSent: () => void }) {
  const t = useMessages(surveysMessages);
  const api = useApi();
  const { locale } = useLocale();
  const form = createForm();
  const [query, setQuery] = createSignal('');
  const [debounced, setDebounced] = createSignal('');
  const [picked, setPicked] = createSignal<{ id: string; name: string }[]>([]);
  const [result, setResult] = createSignal<SendResult>();
  const [audience, setAudience] = createSignal<'customers' | 'segment'>('customers');
  const [segmentId, setSegmentId] = createSignal('');
  const [run, setRun] = createSignal<SendRun>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let poll: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    clearTimeout(poll);
  });
  // Reads the run again while it is running; a failed read tries again at the next tick.
  const follow = (current: SendRun) => {
    setRun(current);
    clearTimeout(poll);
    if (current.status !== 'running') {
      props.onSent();
      return;
    }
    poll = setTimeout(async () => {
      const next = await unwrap(
        api.GET('/v1/surveys/{surveyId}/send-runs/{runId}', {
          params: { path: { surveyId: props.surveyId, runId: current.id } },
        }),
      ).catch(() => current);
      follow(next);
    }, RUN_POLL_MS);
  };
  const search = (text: string) => {
    setQuery(text);
    clearTimeout(timer);
    timer = setTimeout(() => setDebounced(text.trim()), SEARCH_DELAY_MS);
  };
  const [matches] = createResource(
    () => debounced() || undefined,
    (q) => unwrap(api.GET('/v1/customers', { params: { query: { q, limit: 8 } } })),
  );
  // The names of the customers picked for the last send (the picks are cleared once it is sent).
  const [sentNames, setSentNames] = createSignal(new Map<string, string>());
  const send = async () => {
    const mailLocale = locale() === 'en' ? 'en' : 'zh';
    if (audience() === 'segment') {
      setResult(undefined);
      const started = await unwrap(
        api.POST('/v1/surveys/{surveyId}/send', {
          params: { path: { surveyId: props.surveyId } },
          body: { segmentId: segmentId(), locale: mailLocale },
        }),
      );
      follow(started as SendRun);
      return;
    }
    const sent = await unwrap(
      api.POST('/v1/surveys/{surveyId}/send', {
        params: { path: { surveyId: props.surveyId } },
        body: { customerIds: picked().map((customer) => customer.id), locale: mailLocale },
      }),
    );
    setRun(undefined);
    setSentNames(new Map(picked().map((customer) => [customer.id, customer.name])));
    setResult(sent as SendResult);
    setPicked([]);
    props.onSent();
  };
  return (
    <form class="card form survey-send" onSubmit={form.submit(send)} data-testid="survey-send">
      <h2 class="card__title">{t('send.title')}</h2>
      <fieldset class="field">
        <legend class="field__label">{t('send.audience')}</legend>
        <label>
          <input
            type="radio"
            name="survey-audience"
            checked={audience() === 'customers'}
            onChange={() => setAudience('customers')}
          />{' '}
          {t('send.audience.customers')}
        </label>{' '}
        <label>
          <input
            type="radio"
            name="survey-audience"
            checked={audience() === 'segment'}
            onChange={() => setAudience('segment')}
          />{' '}
          {t('send.audience.segment')}
        </label>
      </fieldset>
      <Show when={audience() === 'segment'}>
        <SegmentSelect
          id="survey-segment"
          label={t('send.segment')}
          noneLabel={t('send.segmentNone')}
          value={segmentId()}
          onChange={setSegmentId}
          error={form.fieldError('segmentId')}
          hint={t('send.segmentHint')}
        />
      </Show>
      <Show when={audience() === 'customers'}>
        <div class="field">
          <label class="field__label" for="survey-customer-search">
            {t('send.search')}
          </label>
          <input
            id="survey-customer-search"
            class="field__input"
            type="search"
            autocomplete="off"
            value={query()}
            onInput={(event) => search(event.currentTarget.value)}
          />
          <p class="field__description">{t('send.searchHint')}</p>
        </div>
        <ul class="survey-send__matches">
          <For each={matches()?.items ?? []}>
            {(customer) => (
              <li>
                <span>{customer.name}</span>
                <Button
                  variant="secondary"
                  disabled={picked().some((p) => p.id === customer.id)}
                  onClick={() => setPicked([...picked(), { id: customer.id, name: customer.name }])}
                >
                  {t('send.add')}
                </Button>
              </li>
            )}
          </For>
        </ul>
        <p>{t('send.picked', { count: picked().length })}</p>
        <ul class="survey-send__picked">
          <For each={picked()}>{(customer) => <li>{customer.name}</li>}</For>
        </ul>
      </Show>
      <Show when={form.error()}>
        <p class="form__error" role="alert">
          {(form.error() as Error).message}
        </p>
      </Show>
      <Show when={run()}>
        {(current) => (
          <div role="status" class="survey-send__run" data-status={current().status}>
            <p>
              {current().status === 'running'
                ? t('send.run.running', { examined: current().counts.examined })
                : current().status === 'finished'
                  ? t('send.run.finished', { examined: current().counts.examined })
                  : t('send.run.failed', { failure: current().failure ?? '' })}
            </p>
            <Show when={current().status === 'running'}>
              <progress aria-label={t('send.run.invited')} />
            </Show>
            <dl class="survey-send__counts">
              <For each={RUN_COUNTS}>
                {([count, label]) => (
                  <>
                    <dt>{t(label)}</dt>
                    <dd>{current().counts[count]}</dd>
                  </>
                )}
              </For>
            </dl>
          </div>
        )}
      </Show>
      <Show when={result()}>
        {(sent) => (
          <div role="status">
            <p>{t('send.sent', { count: sent().sent.length })}</p>
            <Show when={sent().skipped.length > 0}>
              <p>
                {sent().skipped.every((skip) => sentNames().has(skip.customerId))
                  ? t('send.skipped', {
                      names: sent()
                        .skipped.map((skip) => sentNames().get(skip.customerId))
                        .join(', '),
                    })
                  : // A segment's members were not picked by name here: say how many.
                    t('send.skippedCount', { count: sent().skipped.length })}
              </p>
            </Show>
          </div>
        )}
      </Show>
      <Button
        type="submit"
        disabled={
          form.pending() ||
          run()?.status === 'running' ||
          (audience() === 'segment' ? segmentId() === '' : picked().length === 0)
        }
      >
        {t('send.send')}
      </Button>
    </form>
  );
}
