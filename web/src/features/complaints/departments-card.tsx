import { Dialog } from '@kobalte/core/dialog';
import { createResource, createSignal, For, Show } from 'solid-js';
import { isVersionConflict, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { complaintMessages } from './messages.js';

type Department = components['schemas']['Department'];

/**
 * The departments complaints are assigned to (责任部门), for admins: the list, a name to add, and
 * each department's name and members to edit (its members may take a complaint assigned to it).
 */
export function DepartmentsCard() {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const form = createForm();
  const [name, setName] = createSignal('');
  const [editing, setEditing] = createSignal<Department>();
  const [departments, { refetch }] = createResource(
    async () => (await unwrap(api.GET('/v1/complaints/departments'))).items,
  );
  const add = async () => {
    await unwrap(api.POST('/v1/complaints/departments', { body: { name: name(), memberIds: [] } }));
    setName('');
    await refetch();
  };
  return (
    <section class="card" aria-labelledby="departments-heading">
      <h2 id="departments-heading" class="card__title">
        {t('departments.heading')}
      </h2>
      <AsyncView
        resource={departments}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<p class="muted">{t('departments.none')}</p>}
      >
        {(items) => (
          <ul data-testid="departments">
            <For each={items}>
              {(department) => (
                <li class="departments__item">
                  <span>
                    {department.name}{' '}
                    <span class="muted">
                      {t('departments.members', { count: String(department.memberIds.length) })}
                    </span>
                  </span>
                  <Button
                    variant="ghost"
                    aria-label={t('departments.editOf', { name: department.name })}
                    onClick={() => setEditing(department)}
                  >
                    {t('departments.edit')}
                  </Button>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
      <form class="form form--inline" onSubmit={form.submit(add)}>
        <FormField
          name="name"
          label={t('departments.name')}
          value={name()}
          onChange={setName}
          error={form.fieldError('name')}
          required
        />
        <Show when={form.error() && !form.fieldError('name')}>
          <p class="form__error" role="alert">
            {(form.error() as Error).message}
          </p>
        </Show>
        <Button type="submit" disabled={form.pending()}>
          {t('departments.add')}
        </Button>
      </form>
      <Show when={editing()} keyed>
        {(department) => (
          <DepartmentDialog
            department={department}
            onClose={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void refetch();
            }}
            onConflict={() => void refetch()}
          />
        )}
      </Show>
    </section>
  );
}

/** Renames a department and picks its members from the tenant's active people, against its version. */
function DepartmentDialog(props: {
  department: Department;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const form = createForm();
  const [name, setName] = createSignal(props.department.name);
  const [members, setMembers] = createSignal(new Set(props.department.memberIds));
  // Partners work only what is dispatched to them; a department is the tenant's own people.
  const [users] = createResource(async () =>
    (await unwrap(api.GET('/v1/users'))).items.filter(
      (user) => user.status === 'active' && user.role !== 'partner',
    ),
  );
  const toggle = (userId: string, on: boolean) =>
    setMembers((current) => {
      const next = new Set(current);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });
  const save = form.submit(async () => {
    try {
      await unwrap(
        api.PUT('/v1/complaints/departments/{departmentId}', {
          params: { path: { departmentId: props.department.id } },
          body: { name: name(), memberIds: [...members()], version: props.department.version },
        }),
      );
      props.onSaved();
    } catch (caught) {
      if (isVersionConflict(caught)) props.onConflict();
      throw caught;
    }
  });
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog">
            <Dialog.Title class="dialog__title">
              {t('departments.editOf', { name: props.department.name })}
            </Dialog.Title>
            <form class="form" onSubmit={save}>
              <FormField
                name="name"
                label={t('departments.name')}
                value={name()}
                onChange={setName}
                error={form.fieldError('name')}
                required
              />
              <fieldset class="departments__members">
                <legend>{t('departments.membersLegend')}</legend>
                <AsyncView
                  resource={users}
                  isEmpty={(items) => items.length === 0}
                  empty={<p class="muted">—</p>}
                >
                  {(items) => (
                    <For each={items}>
                      {(user) => (
                        <label class="checkbox">
                          <input
                            type="checkbox"
                            checked={members().has(user.id)}
                            onChange={(event) => toggle(user.id, event.currentTarget.checked)}
                          />
                          {user.name ?? user.email}
                        </label>
                      )}
                    </For>
                  )}
                </AsyncView>
              </fieldset>
              <FormActions
                error={
                  form.error() && !form.fieldError('name')
                    ? isVersionConflict(form.error())
                      ? t('departments.conflict')
                      : (form.error() as Error).message
                    : undefined
                }
                cancelLabel={t('departments.cancel')}
                onCancel={props.onClose}
                submitLabel={t('departments.save')}
                pending={form.pending()}
              />
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
