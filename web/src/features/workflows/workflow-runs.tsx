import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { EventTypeLabel } from '../../lib/events/event-type-label.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { EmptyState } from '../../lib/ui/states.js';
import { CustomerPicker, type PickedCustomer } from '../customers/picker/customer-picker.js';
import { workflowsMessages } from './messages.js';

const statusClass: Record<string, string> = {
  completed: 'completed',
  failed: 'failed',
  stopped: 'failed',
  running: 'running',
  waiting: 'queued',
};

/** A workflow's runs, newest first: status, event, depth, working time and each step's outcome. */
export function WorkflowRuns(props: { workflowId: string }) {
  const t = useMessages(workflowsMessages);
  const api = useApi();
  const format = useFormat();
  const [customer, setCustomer] = createSignal<PickedCustomer>();
  const [error, setError] = createSignal<string>();
  const [workflow] = createResource(
    () => props.workflowId,
    (workflowId) => unwrap(api.GET('/v1/workflows/{workflowId}', { params: { path: { workflowId } } })),
  );
  const [runs, { refetch }] = createResource(
    () => props.workflowId,
    (workflowId) =>
      unwrap(
        api.GET('/v1/workflows/{workflowId}/runs', {
          params: { path: { workflowId }, query: { limit: 50 } },
        }),
      ),
  );
  return (
    <ActionCard
      title={t('runs.title')}
      action={
        <Button variant="secondary" aria-label={t('runs.refresh')} onClick={() => void refetch()}>
          ↻
        </Button>
      }
    >
      <Show
        when={
          workflow.state === 'ready' &&
          workflow()?.trigger.type === 'manual' &&
          workflow()?.status === 'active'
        }
      >
        <form
          class="form workflow-row"
          onSubmit={async (event) => {
            event.preventDefault();
            setError(undefined);
            try {
              await unwrap(
                api.POST('/v1/workflows/{workflowId}/run', {
                  params: { path: { workflowId: props.workflowId } },
                  body: { customerId: customer()?.id ?? '' },
                }),
              );
              await refetch();
            } catch (caught) {
              setError((caught as Error).message);
            }
          }}
        >
          <CustomerPicker label={t('runs.customerId')} picked={customer()} onPick={setCustomer} />
          <Button type="submit" disabled={!customer()}>
            {t('runs.runNow')}
          </Button>
        </form>
        <Show when={error()}>
          <p class="form__error" role="alert">
            {error()}
          </p>
        </Show>
      </Show>
      <AsyncView
        resource={runs}
        onRetry={() => void refetch()}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState title={t('runs.empty')} />}
      >
        {(page) => (
          <ScrollTable
            columns={[
              t('runs.started'),
              t('runs.event'),
              t('runs.status'),
              { label: t('runs.depth'), class: 'number' },
              { label: t('runs.duration'), class: 'number' },
              t('runs.steps'),
            ]}
          >
            <For each={page.items}>
              {(run) => (
                <tr>
                  <th scope="row">{format.date(run.startedAt, true)}</th>
                  <td>
                    <EventTypeLabel type={run.eventType} />
                  </td>
                  <td>
                    <span class={`status status--${statusClass[run.status] ?? 'queued'}`}>
                      {t(`runs.status.${run.status}`)}
                    </span>
                    <Show when={run.resumeAt}>
                      {(resumeAt) => <> {t('runs.until', { date: format.date(resumeAt(), true) })}</>}
                    </Show>
                    <Show when={run.error}>
                      <div class="workflow-hint">{run.error}</div>
                    </Show>
                  </td>
                  <td class="number">{run.depth}</td>
                  <td class="number">{run.durationMs !== undefined ? `${run.durationMs} ms` : '—'}</td>
                  <td>
                    <ol class="workflow-steps">
                      <For each={run.steps}>
                        {(step) => (
                          <li class={`workflow-step--${step.status}`}>
                            {step.summary}
                            {step.error ? ` — ${step.error}` : ''}
                          </li>
                        )}
                      </For>
                    </ol>
                  </td>
                </tr>
              )}
            </For>
          </ScrollTable>
        )}
      </AsyncView>
    </ActionCard>
  );
}
