import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { pageWithItems } from '../../lib/api/page-with-items.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { ErrorState } from '../../lib/ui/states.js';
import { tasksMessages } from './messages.js';
import { useTaskText } from './task-text.js';
import './tasks.css';

const DAY_MS = 86_400_000;
/** A follow-up is due in three days unless said otherwise: soon, but not today. */
const defaultDueOn = () => new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10);

/**
 * The customer's open care reminders on the 360°: what is due for them, and when; and the
 * follow-up (回访) the person looking at the customer writes down for themselves.
 */
export function CustomerTasks(props: { customerId: string }) {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const format = useFormat();
  const text = useTaskText();
  const [tasks, { mutate }] = createResource(
    () => props.customerId,
    // A side card: if the tasks cannot be read (a partner, an outage) the profile shows without it.
    async (customerId) =>
      // Open is a filter on the customer's tasks, done ones included: read past pages it left short.
      pageWithItems(
        (cursor) =>
          unwrap(
            api.GET('/v1/tasks', {
              params: { query: { customerId, status: 'open', limit: 20, ...(cursor ? { cursor } : {}) } },
            }),
          ),
        undefined,
        { atLeast: 20 },
      ).then(
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
          <FollowUpForm
            customerId={props.customerId}
            onAdded={(task) =>
              mutate((current) => [...(current ?? []), task].sort((a, b) => a.dueOn.localeCompare(b.dueOn)))
            }
          />
        </section>
      )}
    </Show>
  );
}

type Task = components['schemas']['Task'];

function FollowUpForm(props: { customerId: string; onAdded: (task: Task) => void }) {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const form = createForm();
  const [title, setTitle] = createSignal('');
  const [dueOn, setDueOn] = createSignal(defaultDueOn());
  const [added, setAdded] = createSignal(false);
  const add = form.submit(async () => {
    setAdded(false);
    const task = await unwrap(
      api.POST('/v1/tasks', { body: { customerId: props.customerId, title: title(), dueOn: dueOn() } }),
    );
    props.onAdded(task);
    setTitle('');
    setDueOn(defaultDueOn());
    setAdded(true);
  });
  return (
    <form class="customer-tasks__follow-up" onSubmit={add} aria-labelledby="follow-up-heading">
      <h3 id="follow-up-heading" class="customer-tasks__subheading">
        {t('followUp.heading')}
      </h3>
      <FormField
        name="title"
        label={t('followUp.title')}
        value={title()}
        onChange={setTitle}
        error={form.fieldError('title')}
        required
      />
      <FormField
        name="dueOn"
        type="date"
        label={t('followUp.dueOn')}
        value={dueOn()}
        onChange={setDueOn}
        error={form.fieldError('dueOn')}
        required
      />
      <div class="form-actions">
        <Button type="submit" variant="secondary" disabled={form.pending()}>
          {t('followUp.add')}
        </Button>
      </div>
      <Show when={added()}>
        <p role="status">{t('followUp.added')}</p>
      </Show>
      <Show when={form.error() && !form.fieldError('title') && !form.fieldError('dueOn')}>
        <ErrorState error={form.error()} />
      </Show>
    </form>
  );
}
