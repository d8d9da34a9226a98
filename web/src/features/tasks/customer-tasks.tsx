import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { tasksMessages } from './messages.js';
import { useTaskText } from './task-text.js';
import './tasks.css';

/** The customer's open care reminders on the 360°: what is due for them, and when. */
export function CustomerTasks(props: { customerId: string }) {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const format = useFormat();
  const text = useTaskText();
  const [tasks] = createResource(
    () => props.customerId,
    // A side card: if the tasks cannot be read (a partner, an outage) the profile shows without it.
    async (customerId) =>
      unwrap(api.GET('/v1/tasks', { params: { query: { customerId, status: 'open', limit: 20 } } })).then(
        (page) => page.items,
        () => null,
      ),
  );
  return (
    <Show when={tasks()}>
      {(items) => (
        <section class="card customer-tasks" aria-labelledby="customer-tasks-heading">
          <h2 id="customer-tasks-heading" class="card__title">
            <A href="/tasks">{t('customer.heading')}</A>
          </h2>
          <Show when={items().length > 0} fallback={<p>{t('customer.none')}</p>}>
            <ul>
              <For each={items()}>
                {(task) => (
                  <li data-task={task.id}>
                    <strong>{t(`kind.${task.kind}`)}</strong> · {format.date(task.dueOn)} — {text(task)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      )}
    </Show>
  );
}
