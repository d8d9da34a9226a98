import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { pageWithItems } from '../../lib/api/page-with-items.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Card } from '../../lib/ui/page.js';
import { tasksMessages } from '../tasks/messages.js';
import { useTaskText } from '../tasks/task-text.js';
import { myDayMessages } from './my-day-messages.js';

type Task = components['schemas']['Task'];
/** How many due tasks the card lists; the rest are counted and linked. */
const SHOWN = 6;
/** Open alerts counted at most (one page): beyond it the card says "50+". */
const ALERTS_COUNTED = 50;

/** Today's date where the reader is, as a task's `dueOn` is written (YYYY-MM-DD). */
function localToday(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/**
 * The owner's day on the dashboard (关怀提醒, the rice seller's round): their open tasks due today
 * or overdue, earliest first, each linked to its customer; when nothing is due, the next one.
 */
export function MyDay() {
  const t = useMessages(myDayMessages);
  const task = useMessages(tasksMessages);
  const text = useTaskText();
  const format = useFormat();
  const api = useApi();
  // My open tasks come earliest due first: the first page holds today's and the next one.
  const [tasks, { refetch }] = createResource(() =>
    pageWithItems(
      (cursor) =>
        unwrap(
          api.GET('/v1/tasks', {
            params: { query: { mine: 'true', status: 'open', limit: 50, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      undefined,
      { atLeast: 50 },
    ).then((page) => page.items),
  );
  const { session } = useAuth();
  // The alerts waiting for me (credit holds, churn, overdue complaints): counted, not listed.
  const [alerts] = createResource(
    () => session()?.user.id,
    (assignee) =>
      pageWithItems(
        (cursor) =>
          unwrap(
            api.GET('/v1/alerts', {
              params: {
                query: { assignee, status: 'open', limit: ALERTS_COUNTED, ...(cursor ? { cursor } : {}) },
              },
            }),
          ),
        undefined,
        { atLeast: ALERTS_COUNTED },
      ).then(
        (page) => ({ count: page.items.length, more: page.nextCursor !== null }),
        // A side line: without it the card still shows the tasks.
        () => undefined,
      ),
  );
  const today = localToday();
  const due = (items: readonly Task[]) => items.filter((item) => item.dueOn <= today);
  const what = (item: Task) => text(item) || task(`kind.${item.kind}`);
  return (
    <Card title={t('title')} class="my-day">
      <AsyncView resource={tasks} onRetry={() => void refetch()}>
        {(items) => {
          const dueNow = due(items);
          return (
            <>
              <Show
                when={dueNow.length > 0}
                fallback={
                  <p class="muted">
                    {t('none')}{' '}
                    <Show when={items.find((item) => item.dueOn > today)}>
                      {(next) =>
                        t('next', {
                          what: what(next()),
                          customer: next().customerName ?? t('aCustomer'),
                          date: format.date(next().dueOn),
                        })
                      }
                    </Show>
                  </p>
                }
              >
                <ul class="my-day__list">
                  <For each={dueNow.slice(0, SHOWN)}>
                    {(item) => (
                      <li data-task={item.id}>
                        <A href={`/customers/${item.customerId}`}>{item.customerName ?? t('aCustomer')}</A>
                        {' — '}
                        {what(item)}
                        <Show when={item.dueOn < today}>
                          {' '}
                          <span class="my-day__overdue">
                            {t('overdue', { date: format.date(item.dueOn) })}
                          </span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={alerts()?.count}>
                <p class="my-day__alerts">
                  <A href="/alerts?mine=1">
                    {alerts()?.more
                      ? t('alertsMore', { count: ALERTS_COUNTED })
                      : t('alerts', { count: alerts()?.count ?? 0 })}
                  </A>
                </p>
              </Show>
              <p class="kpi__hint">
                <A href="/tasks">
                  {dueNow.length > SHOWN ? t('more', { count: dueNow.length - SHOWN }) : t('all')}
                </A>
              </p>
            </>
          );
        }}
      </AsyncView>
    </Card>
  );
}
