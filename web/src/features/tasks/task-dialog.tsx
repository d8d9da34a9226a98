import { createResource, createSignal, For, Show } from 'solid-js';
import { isVersionConflict, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { DialogFrame } from '../../lib/ui/dialog-frame.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { tasksMessages } from './messages.js';

type Task = components['schemas']['Task'];
export type TaskAction = 'complete' | 'snooze' | 'reassign';

const WEEK_MS = 7 * 86_400_000;
const dayInput = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Completes, snoozes or reassigns one task against the version shown. A 409 (someone changed it
 * meanwhile) closes the dialog with a notice and asks the list to reload.
 */
export function TaskDialog(props: {
  task: Task;
  action: TaskAction;
  onClose: () => void;
  onDone: (task: Task) => void;
  onConflict: () => void;
}) {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const { session } = useAuth();
  const me = () => session()?.user.id ?? '';
  const admin = () => ['owner', 'admin'].includes(session()?.user.role ?? '');
  const [note, setNote] = createSignal('');
  const [until, setUntil] = createSignal(dayInput(Date.now() + WEEK_MS));
  const [assignee, setAssignee] = createSignal(props.task.assigneeId === me() ? '' : me());
  const [error, setError] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  // Only admins may list the team; anyone else can take the task themselves.
  const [users] = createResource(
    () => props.action === 'reassign' && admin(),
    async () => (await unwrap(api.GET('/v1/users'))).items,
  );
  const path = { params: { path: { taskId: props.task.id } } };
  const version = props.task.version;
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const next =
        props.action === 'complete'
          ? await unwrap(
              api.POST('/v1/tasks/{taskId}/complete', {
                ...path,
                body: { version, ...(note().trim() ? { note: note().trim() } : {}) },
              }),
            )
          : props.action === 'snooze'
            ? await unwrap(
                api.POST('/v1/tasks/{taskId}/snooze', {
                  ...path,
                  body: { version, until: new Date(`${until()}T00:00:00Z`).toISOString() },
                }),
              )
            : await unwrap(
                api.POST('/v1/tasks/{taskId}/reassign', {
                  ...path,
                  body: { version, assigneeId: assignee() },
                }),
              );
      props.onDone(next);
      props.onClose();
    } catch (caught) {
      if (isVersionConflict(caught)) {
        props.onConflict();
        setError(t('dialog.conflict'));
      } else {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    } finally {
      setPending(false);
    }
  };
  return (
    <DialogFrame
      open
      onOpenChange={(open) => !open && props.onClose()}
      class="task-dialog"
      title={t(`dialog.${props.action}`)}
      description={props.task.customerName ?? ''}
    >
      <form class="dialog__body task-dialog__form" onSubmit={save}>
        <Show when={props.action === 'complete'}>
          <label>
            {t('dialog.note')}
            <textarea
              maxLength={1000}
              value={note()}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </label>
        </Show>
        <Show when={props.action === 'snooze'}>
          <label>
            {t('dialog.until')}
            <input
              type="date"
              required
              min={dayInput(Date.now() + 86_400_000)}
              value={until()}
              onInput={(event) => setUntil(event.currentTarget.value)}
            />
          </label>
        </Show>
        <Show when={props.action === 'reassign'}>
          <label>
            {t('dialog.assignee')}
            <select required value={assignee()} onChange={(event) => setAssignee(event.currentTarget.value)}>
              <option value="" disabled>
                —
              </option>
              <Show when={admin()} fallback={<option value={me()}>{t('assignee.me')}</option>}>
                <For
                  each={(users() ?? []).filter((user) => user.status === 'active' && user.role !== 'partner')}
                >
                  {(user) => <option value={user.id}>{user.name ?? user.email}</option>}
                </For>
              </Show>
            </select>
          </label>
        </Show>
        <FormActions
          error={error()}
          cancelLabel={t('dialog.cancel')}
          onCancel={props.onClose}
          submitLabel={t('dialog.save')}
          pending={pending()}
          cancelVariant="ghost"
        />
      </form>
    </DialogFrame>
  );
}
