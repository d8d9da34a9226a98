import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { createCursorList } from '../../lib/api/cursor-list.js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { CursorTable } from '../../lib/ui/cursor-table.js';
import { FilterSelect } from '../../lib/ui/filter-select.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { tasksMessages } from './messages.js';
import { type TaskAction, TaskDialog } from './task-dialog.js';
import { useTaskText } from './task-text.js';
import '../../lib/ui/admin-screen.css';
import './tasks.css';

type Task = components['schemas']['Task'];
type TaskKind = Task['kind'];
type TaskStatus = Task['status'];
type Filters = { scope: 'mine' | 'team'; kind: TaskKind | ''; status: TaskStatus | '' };

const kinds: TaskKind[] = [
  'follow_up',
  'reorder',
  'collect_payment',
  'birthday',
  'anniversary',
  'workflow',
  'member_upgrade',
];
const statuses: TaskStatus[] = ['open', 'snoozed', 'done'];

/** The task list (关怀提醒): mine or the team's, by kind and status, with complete / snooze / reassign. */
export function TasksPage() {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const { session } = useAuth();
  const format = useFormat();
  const text = useTaskText();
  const [filters, setFilters] = createSignal<Filters>({ scope: 'mine', kind: '', status: 'open' });
  const [acting, setActing] = createSignal<{ task: Task; action: TaskAction }>();
  const tasks = createCursorList(filters, (current, after) =>
    unwrap(
      api.GET('/v1/tasks', {
        params: {
          query: {
            limit: 50,
            ...(current.scope === 'mine' ? { mine: 'true' as const } : {}),
            ...(current.kind ? { kind: current.kind } : {}),
            ...(current.status ? { status: current.status } : {}),
            ...(after ? { cursor: after } : {}),
          },
        },
      }),
    ),
  );
  const replace = (next: Task) => {
    // A task that left the filtered status, or the caller's hands, leaves the list.
    const { status, scope } = filters();
    const stays =
      (!status || next.status === status) && (scope === 'team' || next.assigneeId === session()?.user.id);
    tasks.mutate((items) =>
      (items ?? []).flatMap((item) => (item.id !== next.id ? [item] : stays ? [next] : [])),
    );
  };
  const update = (change: Partial<Filters>) => setFilters({ ...filters(), ...change });
  const assigneeText = (task: Task) =>
    task.assigneeId === null
      ? t('assignee.team')
      : task.assigneeId === session()?.user.id
        ? t('assignee.me')
        : task.assigneeId;

  return (
    <Page title={t('title')} term="关怀提醒" description={t('description')}>
      <div class="card tasks-filters">
        <fieldset class="tasks-scope">
          <legend class="tasks-scope__legend">{t('title')}</legend>
          <For each={['mine', 'team'] as const}>
            {(scope) => (
              <Button
                variant={filters().scope === scope ? 'primary' : 'secondary'}
                aria-pressed={filters().scope === scope}
                onClick={() => update({ scope })}
              >
                {t(`tab.${scope}`)}
              </Button>
            )}
          </For>
        </fieldset>
        <FilterSelect
          label={t('filter.kind')}
          all={t('filter.all')}
          options={kinds}
          optionLabel={(kind) => t(`kind.${kind}`)}
          value={filters().kind}
          onChange={(kind) => update({ kind })}
        />
        <FilterSelect
          label={t('filter.status')}
          all={t('filter.all')}
          options={statuses}
          optionLabel={(status) => t(`status.${status}`)}
          value={filters().status}
          onChange={(status) => update({ status })}
        />
      </div>
      <CursorTable
        list={tasks}
        class="tasks-table"
        columns={[
          t('column.customer'),
          t('column.what'),
          t('column.due'),
          t('column.assignee'),
          t('column.status'),
          t('column.actions'),
        ]}
        empty={<EmptyState title={t('empty')} />}
        moreLabel={t('more')}
      >
        {(task) => (
          <tr data-task={task.id}>
            <th scope="row">
              <A href={`/customers/${task.customerId}`}>{task.customerName ?? task.customerId}</A>
            </th>
            <td>
              <strong>{t(`kind.${task.kind}`)}</strong>
              <div>{text(task)}</div>
              <Show when={task.note}>{(note) => <div class="tasks-note">{note()}</div>}</Show>
            </td>
            <td>{format.date(task.dueOn)}</td>
            <td>{assigneeText(task)}</td>
            <td>
              {t(`status.${task.status}`)}
              <Show when={task.status === 'snoozed' && task.snoozedUntil}>
                {(until) => <> {t('snoozedUntil', { date: format.date(until()) })}</>}
              </Show>
            </td>
            <td>
              <Show when={task.status !== 'done'}>
                <div class="tasks-actions">
                  <Button variant="primary" onClick={() => setActing({ task, action: 'complete' })}>
                    {t('complete')}
                  </Button>
                  <Button variant="ghost" onClick={() => setActing({ task, action: 'snooze' })}>
                    {t('snooze')}
                  </Button>
                  <Button variant="secondary" onClick={() => setActing({ task, action: 'reassign' })}>
                    {t('reassign')}
                  </Button>
                </div>
              </Show>
            </td>
          </tr>
        )}
      </CursorTable>
      <Show when={acting()}>
        {(current) => (
          <TaskDialog
            task={current().task}
            action={current().action}
            onClose={() => setActing(undefined)}
            onDone={replace}
            onConflict={() => void tasks.refetch()}
          />
        )}
      </Show>
    </Page>
  );
}
