import { createResource, createSignal, For, Index, Match, Show, Switch } from 'solid-js';
import { ApiError, isVersionConflict, unwrap } from '../../lib/api/errors.js';
import { useFieldIssueText } from '../../lib/api/field-issue-text.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useEventName } from '../../lib/events/use-event-name.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import { Button } from '../../lib/ui/button.js';
import { type ConditionRows, comparisonOps, fromRows, toRows } from './condition-rows.js';
import { workflowsMessages } from './messages.js';
import { WorkflowTest } from './workflow-test.js';

type Workflow = components['schemas']['Workflow'];
type Action = components['schemas']['WorkflowAction'];
type ActionType = Action['type'];
type Trigger = Workflow['trigger'];

const actionTypes: readonly ActionType[] = [
  'task',
  'update_customer',
  'email',
  'webhook',
  'complaint',
  'wait',
];
const customerStatuses = ['prospect', 'active', 'dormant', 'lost'] as const;
const lifecycleStages = ['identification', 'development', 'stability', 'decline'] as const;

/** A new action of a type, with the defaults the API would fill in. */
function newAction(type: ActionType): Action {
  switch (type) {
    case 'task':
      return { type, assignTo: 'owner', title: '', dueInHours: 24 };
    case 'update_customer':
      return { type, addTags: [] } as Action;
    case 'email':
      return { type, template: 'customer_notice' };
    case 'webhook':
      return { type, endpointId: '' };
    case 'complaint':
      return { type, summary: '', severity: 'medium' };
    case 'wait':
      return { type, hours: 24, days: 0 };
  }
}

const tagList = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/**
 * The workflow editor: trigger (events from the catalog), conditions as rows (all / any of
 * comparisons on `data.*` and `previous.*`), the actions in order with their fields, save as draft
 * or activate; and the dry run beside it.
 */
export function WorkflowEditor(props: {
  workflow: Workflow | undefined;
  onSaved: (workflow: Workflow) => void;
  onClose: () => void;
}) {
  const t = useMessages(workflowsMessages);
  const issueText = useFieldIssueText();
  const eventName = useEventName();
  const labelled = useLabelled();
  const api = useApi();
  const [catalog] = createResource(async () =>
    (await unwrap(api.GET('/v1/events/catalog'))).items.map((entry) => entry.type),
  );
  const [endpoints] = createResource(() => unwrap(api.GET('/v1/webhooks')));
  const initial = props.workflow;
  const [name, setName] = createSignal(initial?.name ?? '');
  const [trigger, setTrigger] = createSignal<Trigger>(
    initial?.trigger ?? { type: 'event', event: 'customer.updated' },
  );
  const rowsOf = toRows(initial?.conditions);
  const [rows, setRows] = createSignal<ConditionRows>(rowsOf ?? { join: 'all', rows: [] });
  // Conditions nesting deeper than the rows show are kept and edited as JSON.
  const [json, setJson] = createSignal(rowsOf ? undefined : JSON.stringify(initial?.conditions, null, 2));
  const [actions, setActions] = createSignal<Action[]>(initial?.actions ?? [newAction('task')]);
  const [saved, setSaved] = createSignal<Workflow | undefined>(initial);
  const [message, setMessage] = createSignal<string>();
  const [issues, setIssues] = createSignal<{ path: string; message: string }[]>([]);

  const updateAction = (index: number, change: Partial<Action>) =>
    setActions((list) =>
      list.map((action, at) => (at === index ? ({ ...action, ...change } as Action) : action)),
    );
  const removeAction = (index: number) => setActions((list) => list.filter((_, at) => at !== index));
  const updateRow = (index: number, change: Partial<ConditionRows['rows'][number]>) =>
    setRows((current) => ({
      ...current,
      rows: current.rows.map((row, at) => (at === index ? { ...row, ...change } : row)),
    }));

  const definition = () => {
    const jsonText = json();
    const conditions =
      jsonText !== undefined ? (JSON.parse(jsonText) as Workflow['conditions']) : fromRows(rows());
    return { name: name(), trigger: trigger(), ...(conditions ? { conditions } : {}), actions: actions() };
  };

  const save = async (status: Workflow['status']) => {
    setMessage(undefined);
    setIssues([]);
    try {
      const current = saved();
      const body = { ...definition(), status };
      const result = current
        ? await unwrap(
            api.PATCH('/v1/workflows/{workflowId}', {
              params: { path: { workflowId: current.id } },
              body: { ...body, conditions: body.conditions ?? null, version: current.version },
            }),
          )
        : await unwrap(api.POST('/v1/workflows', { body }));
      setSaved(result);
      setMessage(t('editor.saved', { version: String(result.version) }));
      props.onSaved(result);
    } catch (caught) {
      if (isVersionConflict(caught)) setMessage(t('editor.conflict'));
      else if (caught instanceof ApiError && caught.fields.length > 0) {
        setMessage(t('editor.invalid'));
        setIssues([...caught.fields]);
      } else setMessage((caught as Error).message);
    }
  };

  const triggerTypeLabel = (type: Trigger['type']) => t(`editor.triggerType.${type}`);

  return (
    <>
      <ActionCard
        title={saved() ? t('editor.edit', { name: saved()?.name ?? '' }) : t('editor.new')}
        action={
          <Button variant="secondary" onClick={props.onClose}>
            {t('editor.cancel')}
          </Button>
        }
      >
        <form class="form workflow-editor" onSubmit={(event) => event.preventDefault()}>
          <label class="field">
            <span class="field__label">{t('editor.name')}</span>
            <input
              class="field__input"
              name="name"
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>

          <fieldset class="field workflow-section">
            <legend class="field__label">{t('editor.trigger')}</legend>
            <label class="field">
              <span class="field__label">{t('editor.triggerType')}</span>
              <select
                class="field__input"
                value={trigger().type}
                onChange={(event) => {
                  const type = event.currentTarget.value as Trigger['type'];
                  setTrigger(
                    type === 'event'
                      ? { type, event: 'customer.updated' }
                      : type === 'schedule'
                        ? { type, hourUtc: 8 }
                        : { type },
                  );
                }}
              >
                <For each={['event', 'schedule', 'manual'] as const}>
                  {(type) => <option value={type}>{triggerTypeLabel(type)}</option>}
                </For>
              </select>
            </label>
            <Switch>
              <Match when={trigger().type === 'event' && (trigger() as Extract<Trigger, { type: 'event' }>)}>
                {(eventTrigger) => (
                  <>
                    <label class="field">
                      <span class="field__label">{t('editor.event')}</span>
                      <select
                        class="field__input"
                        value={eventTrigger().event}
                        onChange={(event) =>
                          setTrigger({ ...eventTrigger(), event: event.currentTarget.value })
                        }
                      >
                        <For each={catalog() ?? [eventTrigger().event]}>
                          {(type) => <option value={type}>{eventName(type)}</option>}
                        </For>
                      </select>
                      {/* The type, as webhooks subscribe to it: admins copy it from here. */}
                      <span class="field__description">
                        {labelled(t('editor.eventType'))}
                        <code>{eventTrigger().event}</code>
                      </span>
                    </label>
                    <label class="field">
                      <span class="field__label">{t('editor.changed')}</span>
                      <input
                        class="field__input"
                        value={eventTrigger().filter?.changed?.join(', ') ?? ''}
                        onChange={(event) => {
                          const changed = tagList(event.currentTarget.value);
                          const { filter: _filter, ...rest } = eventTrigger();
                          setTrigger(changed.length > 0 ? { ...rest, filter: { changed } } : rest);
                        }}
                      />
                    </label>
                  </>
                )}
              </Match>
              <Match
                when={trigger().type === 'schedule' && (trigger() as Extract<Trigger, { type: 'schedule' }>)}
              >
                {(schedule) => (
                  <label class="field">
                    <span class="field__label">{t('editor.hour')}</span>
                    <input
                      class="field__input"
                      type="number"
                      min="0"
                      max="23"
                      value={schedule().hourUtc}
                      onChange={(event) =>
                        setTrigger({ type: 'schedule', hourUtc: Number(event.currentTarget.value) })
                      }
                    />
                  </label>
                )}
              </Match>
            </Switch>
          </fieldset>

          <fieldset class="field workflow-section">
            <legend class="field__label">{t('editor.conditions')}</legend>
            <Show
              when={json() === undefined}
              fallback={
                <label class="field">
                  <span class="field__label">{t('editor.json')}</span>
                  <textarea
                    class="field__input"
                    rows={6}
                    value={json()}
                    onInput={(e) => setJson(e.currentTarget.value)}
                  />
                </label>
              }
            >
              <label class="field">
                <span class="field__label">{t('editor.join')}</span>
                <select
                  class="field__input"
                  value={rows().join}
                  onChange={(event) =>
                    setRows({ ...rows(), join: event.currentTarget.value as 'all' | 'any' })
                  }
                >
                  <option value="all">{t('editor.join.all')}</option>
                  <option value="any">{t('editor.join.any')}</option>
                </select>
              </label>
              <Index each={rows().rows}>
                {(row, index) => (
                  <div class="workflow-row">
                    <label class="field">
                      <span class="field__label">{t('editor.path')}</span>
                      <input
                        class="field__input"
                        placeholder="data.status"
                        value={row().path}
                        onChange={(event) => updateRow(index, { path: event.currentTarget.value })}
                      />
                    </label>
                    <label class="field">
                      <span class="field__label">{t('editor.op')}</span>
                      <select
                        class="field__input"
                        value={row().op}
                        onChange={(event) =>
                          updateRow(index, {
                            op: event.currentTarget.value as (typeof comparisonOps)[number],
                          })
                        }
                      >
                        <For each={comparisonOps}>{(op) => <option value={op}>{t(`op.${op}`)}</option>}</For>
                      </select>
                    </label>
                    <Show when={row().op !== 'changed'}>
                      <label class="field">
                        <span class="field__label">{t('editor.value')}</span>
                        <input
                          class="field__input"
                          value={row().value}
                          onChange={(event) => updateRow(index, { value: event.currentTarget.value })}
                        />
                      </label>
                    </Show>
                    <Button
                      variant="ghost"
                      onClick={() =>
                        setRows({ ...rows(), rows: rows().rows.filter((_, at) => at !== index) })
                      }
                    >
                      {t('editor.remove')}
                    </Button>
                  </div>
                )}
              </Index>
              <Button
                variant="secondary"
                onClick={() =>
                  setRows({ ...rows(), rows: [...rows().rows, { path: 'data.', op: 'eq', value: '' }] })
                }
              >
                {t('editor.addCondition')}
              </Button>
            </Show>
          </fieldset>

          <fieldset class="field workflow-section">
            <legend class="field__label">{t('editor.actions')}</legend>
            <ol class="workflow-actions">
              <Index each={actions()}>
                {(action, index) => (
                  <li class="workflow-action">
                    <strong>
                      {index + 1}. {t(`action.${action().type}`)}
                    </strong>
                    <ActionFields
                      action={action()}
                      endpoints={endpoints()?.items ?? []}
                      onChange={(change) => updateAction(index, change)}
                    />
                    <Button variant="ghost" onClick={() => removeAction(index)}>
                      {t('editor.remove')}
                    </Button>
                  </li>
                )}
              </Index>
            </ol>
            <label class="field">
              <span class="field__label">{t('editor.addAction')}</span>
              <select
                class="field__input"
                value=""
                onChange={(event) => {
                  const type = event.currentTarget.value as ActionType;
                  if (type) setActions((list) => [...list, newAction(type)]);
                  event.currentTarget.value = '';
                }}
              >
                <option value="" />
                <For each={actionTypes}>{(type) => <option value={type}>{t(`action.${type}`)}</option>}</For>
              </select>
            </label>
          </fieldset>

          <Show when={message()}>
            <div class="form__error" role="alert">
              <p>{message()}</p>
              <Show when={issues().length > 0}>
                <ul>
                  <For each={issues()}>
                    {(issue) => (
                      <li>
                        <code>{issue.path}</code>: {issueText(issue)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          </Show>
          <div class="dialog__actions">
            <Button variant="secondary" onClick={() => void save('draft')}>
              {t('editor.saveDraft')}
            </Button>
            <Show when={saved()?.status === 'active'}>
              <Button variant="secondary" onClick={() => void save('inactive')}>
                {t('editor.deactivate')}
              </Button>
            </Show>
            <Button onClick={() => void save('active')}>{t('editor.activate')}</Button>
          </div>
        </form>
      </ActionCard>
      <Show when={saved()} keyed>
        {(workflow) => <WorkflowTest workflow={workflow} />}
      </Show>
    </>
  );
}

/** The fields of one action, by its type. */
function ActionFields(props: {
  action: Action;
  endpoints: components['schemas']['WebhookEndpoint'][];
  onChange: (change: Partial<Action>) => void;
}) {
  const t = useMessages(workflowsMessages);
  const select = (
    label: string,
    value: string,
    options: readonly { value: string; label: string }[],
    onChange: (value: string) => void,
  ) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <select class="field__input" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <For each={options}>{(option) => <option value={option.value}>{option.label}</option>}</For>
      </select>
    </label>
  );
  const input = (label: string, value: string | number, onChange: (value: string) => void, type = 'text') => (
    <label class="field">
      <span class="field__label">{label}</span>
      <input
        class="field__input"
        type={type}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </label>
  );
  const unchanged = { value: '', label: t('field.unchanged') };
  return (
    <div class="workflow-action__fields">
      <Switch>
        <Match when={props.action.type === 'task' && (props.action as Extract<Action, { type: 'task' }>)}>
          {(task) => (
            <>
              {select(
                t('field.assignTo'),
                task().assignTo,
                [
                  { value: 'owner', label: t('field.assignTo.owner') },
                  { value: 'admins', label: t('field.assignTo.admins') },
                ],
                (value) => props.onChange({ assignTo: value as 'owner' | 'admins' }),
              )}
              {input(t('field.title'), task().title, (value) => props.onChange({ title: value }))}
              {input(
                t('field.dueInHours'),
                task().dueInHours ?? 24,
                (value) => props.onChange({ dueInHours: Number(value) }),
                'number',
              )}
            </>
          )}
        </Match>
        <Match
          when={
            props.action.type === 'update_customer' &&
            (props.action as Extract<Action, { type: 'update_customer' }>)
          }
        >
          {(update) => {
            const set = (field: 'status' | 'lifecycleStage', value: string) => {
              const { [field]: _old, ...rest } = update();
              props.onChange(
                value ? { ...rest, [field]: value } : ({ ...rest, [field]: undefined } as Partial<Action>),
              );
            };
            return (
              <>
                {select(
                  t('field.status'),
                  update().status ?? '',
                  [unchanged, ...customerStatuses.map((value) => ({ value, label: value }))],
                  (value) => set('status', value),
                )}
                {select(
                  t('field.lifecycleStage'),
                  update().lifecycleStage ?? '',
                  [unchanged, ...lifecycleStages.map((value) => ({ value, label: value }))],
                  (value) => set('lifecycleStage', value),
                )}
                {input(t('field.addTags'), (update().addTags ?? []).join(', '), (value) =>
                  props.onChange({ addTags: tagList(value) }),
                )}
                {input(t('field.removeTags'), (update().removeTags ?? []).join(', '), (value) =>
                  props.onChange({ removeTags: tagList(value) }),
                )}
              </>
            );
          }}
        </Match>
        <Match when={props.action.type === 'email' && (props.action as Extract<Action, { type: 'email' }>)}>
          {(email) => (
            <>
              {select(
                t('field.template'),
                email().template,
                [
                  { value: 'customer_notice', label: 'customer_notice' },
                  { value: 'complaint_acknowledgement', label: 'complaint_acknowledgement' },
                ],
                (value) => props.onChange({ template: value as 'customer_notice' }),
              )}
              {input(t('field.note'), email().note ?? '', (value) => props.onChange({ note: value }))}
            </>
          )}
        </Match>
        <Match
          when={props.action.type === 'webhook' && (props.action as Extract<Action, { type: 'webhook' }>)}
        >
          {(webhook) =>
            select(
              t('field.endpoint'),
              webhook().endpointId,
              [
                { value: '', label: '' },
                ...props.endpoints.map((endpoint) => ({ value: endpoint.id, label: endpoint.url })),
              ],
              (value) => props.onChange({ endpointId: value }),
            )
          }
        </Match>
        <Match
          when={props.action.type === 'complaint' && (props.action as Extract<Action, { type: 'complaint' }>)}
        >
          {(complaint) => (
            <>
              {input(t('field.summary'), complaint().summary, (value) => props.onChange({ summary: value }))}
              {select(
                t('field.severity'),
                complaint().severity ?? 'medium',
                ['low', 'medium', 'high', 'critical'].map((value) => ({ value, label: value })),
                (value) => props.onChange({ severity: value as 'medium' }),
              )}
            </>
          )}
        </Match>
        <Match when={props.action.type === 'wait' && (props.action as Extract<Action, { type: 'wait' }>)}>
          {(wait) => (
            <>
              {input(
                t('field.hours'),
                wait().hours ?? 0,
                (value) => props.onChange({ hours: Number(value) }),
                'number',
              )}
              {input(
                t('field.days'),
                wait().days ?? 0,
                (value) => props.onChange({ days: Number(value) }),
                'number',
              )}
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
