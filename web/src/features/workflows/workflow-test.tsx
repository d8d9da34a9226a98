import { createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import { Button } from '../../lib/ui/button.js';
import { CustomerPicker, type PickedCustomer } from '../customers/picker/customer-picker.js';
import { workflowsMessages } from './messages.js';

type Workflow = components['schemas']['Workflow'];
type Plan = components['schemas']['WorkflowPlan'];
type Trace = components['schemas']['WorkflowConditionTrace'];

/** One condition's outcome, with what it found; groups list their members beneath. */
function TraceItem(props: { trace: Trace }) {
  const t = useMessages(workflowsMessages);
  return (
    <li class={props.trace.matched ? 'workflow-trace--yes' : 'workflow-trace--no'}>
      <span aria-hidden="true">{props.trace.matched ? '✓' : '✗'}</span>{' '}
      <code>
        {props.trace.path
          ? `${props.trace.path} ${props.trace.op} ${JSON.stringify(props.trace.expected ?? '')}`
          : props.trace.op}
      </code>
      <Show when={props.trace.path}>
        {' · '}
        {t('test.actual', { value: JSON.stringify(props.trace.actual ?? null) })}
      </Show>
      <Show when={(props.trace.of ?? []).length > 0}>
        <ul>
          <For each={props.trace.of as Trace[]}>{(member) => <TraceItem trace={member} />}</For>
        </ul>
      </Show>
    </li>
  );
}

/** The dry run: a sample event, a past event id or a customer id in; the plan out, step by step. */
export function WorkflowTest(props: { workflow: Workflow }) {
  const t = useMessages(workflowsMessages);
  const api = useApi();
  const [data, setData] = createSignal('{\n  "id": "",\n  "status": "lost"\n}');
  const [previous, setPrevious] = createSignal('');
  const [eventId, setEventId] = createSignal('');
  const [customer, setCustomer] = createSignal<PickedCustomer>();
  const [plan, setPlan] = createSignal<Plan>();
  const [error, setError] = createSignal<string>();

  const run = async () => {
    setError(undefined);
    let body: components['schemas']['WorkflowTest'];
    if (eventId().trim()) body = { eventId: eventId().trim() };
    else if (customer()) body = { customerId: customer()?.id ?? '' };
    else {
      try {
        const parsedPrevious = previous().trim()
          ? (JSON.parse(previous()) as Record<string, unknown>)
          : undefined;
        body = {
          event: {
            data: JSON.parse(data()) as Record<string, unknown>,
            ...(parsedPrevious
              ? { previous: parsedPrevious, changedFields: Object.keys(parsedPrevious) }
              : {}),
          },
        };
      } catch {
        setError(t('test.badJson'));
        return;
      }
    }
    try {
      setPlan(
        await unwrap(
          api.POST('/v1/workflows/{workflowId}/test', {
            params: { path: { workflowId: props.workflow.id } },
            body,
          }),
        ),
      );
    } catch (caught) {
      setError((caught as Error).message);
    }
  };

  return (
    <ActionCard title={t('test.title')}>
      <p class="workflow-hint">{t('test.body')}</p>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <label class="field">
          <span class="field__label">{t('test.data')}</span>
          <textarea
            class="field__input"
            rows={5}
            value={data()}
            onInput={(e) => setData(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('test.previous')}</span>
          <textarea
            class="field__input"
            rows={2}
            value={previous()}
            onInput={(e) => setPrevious(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('test.eventId')}</span>
          <input class="field__input" value={eventId()} onInput={(e) => setEventId(e.currentTarget.value)} />
        </label>
        <CustomerPicker label={t('test.customerId')} picked={customer()} onPick={setCustomer} />
        <div class="dialog__actions">
          <Button type="submit">{t('test.run')}</Button>
        </div>
      </form>
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={plan()} keyed>
        {(result) => (
          <section class="workflow-plan" aria-live="polite">
            <p>{result.triggerMatched ? t('test.triggerMatched') : t('test.triggerMissed')}</p>
            <p>
              <strong>{result.matched ? t('test.matched') : t('test.missed')}</strong>
            </p>
            <ul class="workflow-trace">
              <TraceItem trace={result.conditions} />
            </ul>
            <Show when={result.actions.length > 0}>
              <h3>{t('test.actions')}</h3>
              <ol>
                <For each={result.actions}>{(step) => <li>{step.summary}</li>}</For>
              </ol>
            </Show>
          </section>
        )}
      </Show>
    </ActionCard>
  );
}
