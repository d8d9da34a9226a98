import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { complaintMessages } from './messages.js';

/**
 * The departments complaints are assigned to (责任部门), for admins: the list and a name to add.
 * Members are set through the API (`PUT /v1/complaints/departments/{id}`).
 */
export function DepartmentsCard() {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const form = createForm();
  const [name, setName] = createSignal('');
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
                <li>
                  {department.name}{' '}
                  <span class="muted">
                    {t('departments.members', { count: String(department.memberIds.length) })}
                  </span>
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
    </section>
  );
}
