import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useEventName } from '../../lib/events/use-event-name.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLocale, useLocalized, useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import '../../lib/ui/admin-screen.css';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { EmptyState } from '../../lib/ui/states.js';
import { workflowsMessages } from './messages.js';
import { WorkflowEditor } from './workflow-editor.js';
import { WorkflowRuns } from './workflow-runs.js';
import './workflows.css';

type Summary = components['schemas']['WorkflowSummary'];
type Workflow = components['schemas']['Workflow'];

/** The trigger in words: the event's name, the daily hour, or by hand. */
export function useTriggerText() {
  const t = useMessages(workflowsMessages);
  const eventName = useEventName();
  return (trigger: Workflow['trigger']) =>
    trigger.type === 'event'
      ? t('trigger.event', { event: eventName(trigger.event) })
      : trigger.type === 'schedule'
        ? t('trigger.schedule', { hour: String(trigger.hourUtc) })
        : t('trigger.manual');
}

/** Workflows admin (工作流程配置): the list, templates, the editor with its dry run, and run history. */
export function WorkflowsPage() {
  const t = useMessages(workflowsMessages);
  const api = useApi();
  const format = useFormat();
  const triggerText = useTriggerText();
  const [workflows, { refetch }] = createResource(() => unwrap(api.GET('/v1/workflows')));
  // Each opening is a new object, so the editor starts afresh for another workflow (or a new one);
  // saving keeps the open editor (and its messages) and only refreshes the list and the history.
  const [opened, setOpened] = createSignal<{ workflow: Workflow | undefined }>();
  const [historyOf, setHistoryOf] = createSignal<string>();
  const open = (workflow: Workflow | undefined) => {
    setOpened({ workflow });
    setHistoryOf(workflow?.id);
  };

  return (
    <Page title={t('title')} description={t('description')}>
      <div class="admin-screen">
        <ActionCard
          title={t('list.title')}
          action={<Button onClick={() => open(undefined)}>{t('list.create')}</Button>}
        >
          <AsyncView
            resource={workflows}
            onRetry={() => void refetch()}
            isEmpty={(page) => page.items.length === 0}
            empty={<EmptyState title={t('list.empty')} />}
          >
            {(page) => (
              <ScrollTable
                columns={[
                  t('list.name'),
                  t('list.status'),
                  t('list.trigger'),
                  t('list.lastRun'),
                  { label: t('list.open'), hidden: true },
                ]}
              >
                <For each={page.items}>
                  {(workflow: Summary) => (
                    <tr>
                      <th scope="row">{workflow.name}</th>
                      <td>
                        <span class={`status status--${workflow.status === 'active' ? 'active' : 'queued'}`}>
                          {t(`status.${workflow.status}`)}
                        </span>
                      </td>
                      <td>{triggerText(workflow.trigger)}</td>
                      <td>
                        {workflow.lastRun
                          ? `${t(`runs.status.${workflow.lastRun.status}`)} · ${format.date(workflow.lastRun.startedAt, true)}`
                          : t('list.never')}
                      </td>
                      <td>
                        <Button
                          variant="ghost"
                          aria-label={`${t('list.open')} ${workflow.name}`}
                          onClick={() => open(workflow)}
                        >
                          {t('list.open')}
                        </Button>
                      </td>
                    </tr>
                  )}
                </For>
              </ScrollTable>
            )}
          </AsyncView>
        </ActionCard>
        <Templates
          onCreated={(workflow) => {
            void refetch();
            open(workflow);
          }}
        />
        <Show when={opened()} keyed>
          {(current) => (
            <WorkflowEditor
              workflow={current.workflow}
              onSaved={(workflow) => {
                void refetch();
                setHistoryOf(workflow.id);
              }}
              onClose={() => {
                setOpened(undefined);
                setHistoryOf(undefined);
              }}
            />
          )}
        </Show>
        <Show when={historyOf()} keyed>
          {(workflowId) => <WorkflowRuns workflowId={workflowId} />}
        </Show>
      </div>
    </Page>
  );
}

/** The shipped templates, each created as a draft (the webhook one asks for an endpoint). */
function Templates(props: { onCreated: (workflow: Workflow) => void }) {
  const t = useMessages(workflowsMessages);
  const localized = useLocalized();
  const { locale } = useLocale();
  const api = useApi();
  const [templates] = createResource(() => unwrap(api.GET('/v1/workflows/templates')));
  const [endpoints] = createResource(() => unwrap(api.GET('/v1/webhooks')));
  const [endpointId, setEndpointId] = createSignal('');
  const [error, setError] = createSignal<string>();
  return (
    <ActionCard title={t('templates.title')}>
      <ul class="workflow-templates">
        <For each={templates()?.items ?? []}>
          {(template) => (
            <li class="workflow-template">
              <div>
                <strong>{localized(template.name)}</strong>
                <p>{localized(template.description)}</p>
                <Show when={template.needsEndpoint}>
                  <Show
                    when={(endpoints()?.items.length ?? 0) > 0}
                    fallback={<p class="workflow-hint">{t('templates.noEndpoint')}</p>}
                  >
                    <label class="field">
                      <span class="field__label">{t('templates.endpoint')}</span>
                      <select
                        class="field__input"
                        value={endpointId()}
                        onChange={(event) => setEndpointId(event.currentTarget.value)}
                      >
                        <option value="" />
                        <For each={endpoints()?.items ?? []}>
                          {(endpoint) => <option value={endpoint.id}>{endpoint.url}</option>}
                        </For>
                      </select>
                    </label>
                  </Show>
                </Show>
              </div>
              <Button
                variant="secondary"
                aria-label={`${t('templates.use')}: ${localized(template.name)}`}
                onClick={async () => {
                  setError(undefined);
                  try {
                    const created = await unwrap(
                      api.POST('/v1/workflows/from-template', {
                        body: {
                          templateId: template.id,
                          // The draft's name and texts are the tenant's to read from now on.
                          locale: locale(),
                          ...(template.needsEndpoint && endpointId() ? { endpointId: endpointId() } : {}),
                        },
                      }),
                    );
                    props.onCreated(created);
                  } catch (caught) {
                    setError((caught as Error).message);
                  }
                }}
              >
                {t('templates.use')}
              </Button>
            </li>
          )}
        </For>
      </ul>
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error()}
        </p>
      </Show>
    </ActionCard>
  );
}
