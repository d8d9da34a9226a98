import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import '../../lib/ui/admin-screen.css';
import { Card, Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { partnersMessages } from './messages.js';

/** Tenant admins' list of dealer organisations (经销商), and a form to add one. */
export function OrganisationsPage() {
  const t = useMessages(partnersMessages);
  const api = useApi();
  const form = createForm();
  const [name, setName] = createSignal('');
  const [organisations, { refetch }] = createResource(() => unwrap(api.GET('/v1/partner-organisations')));
  const create = form.submit(async () => {
    await unwrap(api.POST('/v1/partner-organisations', { body: { name: name() } }));
    setName('');
    await refetch();
  });

  return (
    <Page title={t('title')} term="经销商" description={t('description')}>
      <div class="admin-screen">
        <Card title={t('create')}>
          <form class="form form--inline" onSubmit={create}>
            <FormField
              name="name"
              label={t('name')}
              value={name()}
              onChange={setName}
              error={form.fieldError('name')}
            />
            <Button type="submit" disabled={form.pending()}>
              {t('createSubmit')}
            </Button>
          </form>
        </Card>
        <Card>
          <AsyncView
            resource={organisations}
            onRetry={() => void refetch()}
            isEmpty={(page) => page.items.length === 0}
            empty={<EmptyState title={t('empty')} />}
          >
            {(page) => (
              <ScrollTable columns={[t('name'), t('status'), t('admin')]}>
                <For each={page.items}>
                  {(organisation) => (
                    <tr>
                      <th scope="row">
                        <A href={`/partners/${organisation.id}`}>{organisation.name}</A>
                      </th>
                      <td>{t(`status.${organisation.status}`)}</td>
                      <td>
                        <Show
                          when={organisation.adminUserId}
                          fallback={<span class="muted">{t('noAdmin')}</span>}
                        >
                          ✓
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </ScrollTable>
            )}
          </AsyncView>
        </Card>
      </div>
    </Page>
  );
}
