import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import '../../lib/ui/admin-screen.css';
import { Card, Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { AdminDialog } from '../settings/admin-dialog.js';
import { settingsMessages } from '../settings/messages.js';
import { partnersMessages } from './messages.js';

type Share = components['schemas']['Share'];
type User = components['schemas']['User'];

/**
 * One dealer organisation: its users (invite, disable, name the admin) and the customers shared
 * with it. Tenant admins see all of it; the organisation's own admin reaches the users part.
 */
export function OrganisationPage() {
  const t = useMessages(partnersMessages);
  const labelled = useLabelled();
  const fieldLabel = useMessages(settingsMessages);
  const format = useFormat();
  const api = useApi();
  const { session } = useAuth();
  const params = useParams<{ organisationId: string }>();
  const isTenantAdmin = () => ['owner', 'admin'].includes(session()?.user.role ?? '');
  const path = () => ({ path: { organisationId: params.organisationId } });
  const [organisation, { refetch: reloadOrganisation }] = createResource(
    () => (isTenantAdmin() ? params.organisationId : undefined),
    () => unwrap(api.GET('/v1/partner-organisations/{organisationId}', { params: path() })),
  );
  const [users, { refetch: reloadUsers }] = createResource(
    () => params.organisationId,
    () => unwrap(api.GET('/v1/partner-organisations/{organisationId}/users', { params: path() })),
  );
  const [shares, { refetch: reloadShares }] = createResource(
    () => (isTenantAdmin() ? params.organisationId : undefined),
    () => unwrap(api.GET('/v1/partner-organisations/{organisationId}/shares', { params: path() })),
  );
  const [customers] = createResource(
    () => (isTenantAdmin() ? params.organisationId : undefined),
    () => unwrap(api.GET('/v1/customers', { params: { query: { limit: 200 } } })),
  );
  const customerName = (customerId: string) =>
    customers()?.items.find((customer) => customer.id === customerId)?.name ?? customerId;
  // The other active organisations a tenant admin may move a user to.
  const [organisations] = createResource(
    () => (isTenantAdmin() ? params.organisationId : undefined),
    () => unwrap(api.GET('/v1/partner-organisations')),
  );
  const targets = () =>
    (organisations()?.items ?? []).filter(
      (candidate) => candidate.id !== params.organisationId && candidate.status === 'active',
    );
  const [moveTo, setMoveTo] = createSignal<Record<string, string>>({});
  const [moveError, setMoveError] = createSignal('');
  const move = async (user: User) => {
    const toOrganisationId = moveTo()[user.id];
    if (!toOrganisationId) return;
    setMoveError('');
    try {
      await unwrap(
        api.POST('/v1/partner-organisations/{organisationId}/users/{userId}/move', {
          params: { path: { organisationId: params.organisationId, userId: user.id } },
          body: { toOrganisationId, version: user.version },
        }),
      );
    } catch (error) {
      setMoveError((error as Error).message);
      return;
    }
    const name = targets().find((candidate) => candidate.id === toOrganisationId)?.name ?? '';
    setNotice(t('moved', { user: user.name, organisation: name }));
    await Promise.all([reloadUsers(), reloadOrganisation()]);
  };
  const [inviting, setInviting] = createSignal(false);
  const [notice, setNotice] = createSignal('');

  const changeOrganisation = async (patch: { status?: 'active' | 'disabled'; adminUserId?: string }) => {
    const current = organisation();
    if (!current) return;
    await unwrap(
      api.PATCH('/v1/partner-organisations/{organisationId}', {
        params: path(),
        body: { ...patch, version: current.version },
      }),
    );
    await reloadOrganisation();
  };
  const setStatus = async (user: User, status: 'active' | 'disabled') => {
    await unwrap(
      api.PATCH('/v1/partner-organisations/{organisationId}/users/{userId}', {
        params: { path: { organisationId: params.organisationId, userId: user.id } },
        body: { status, version: user.version },
      }),
    );
    await reloadUsers();
  };
  const revoke = async (share: Share) => {
    await unwrap(
      api.DELETE('/v1/customers/{customerId}/organisation-shares/{organisationId}', {
        params: { path: { customerId: share.customerId, organisationId: share.partnerId } },
      }),
    );
    await reloadShares();
  };
  const until = (share: Share) =>
    share.validUntil === null
      ? t('untilRevoked')
      : Date.parse(share.validUntil) <= Date.now()
        ? `${format.date(share.validUntil, true)} (${t('expired')})`
        : format.date(share.validUntil, true);

  return (
    <Page
      title={organisation()?.name ?? t('users')}
      term="经销商"
      actions={
        <Show when={isTenantAdmin()}>
          <A href="/partners" class="button button--secondary">
            {t('back')}
          </A>
        </Show>
      }
    >
      <div class="admin-screen">
        <Show when={organisation()}>
          {(current) => (
            <Card>
              <p>{labelled(t('status'), t(`status.${current().status}`))}</p>
              <Button
                variant="secondary"
                onClick={() =>
                  void changeOrganisation({ status: current().status === 'active' ? 'disabled' : 'active' })
                }
              >
                {current().status === 'active' ? t('disableOrganisation') : t('enableOrganisation')}
              </Button>
            </Card>
          )}
        </Show>
        <Card title={t('users')}>
          <div class="section-header">
            <span />
            <Button onClick={() => setInviting(true)}>{t('invite')}</Button>
          </div>
          <Show when={notice()}>
            <p class="notice" role="status">
              {notice()}
            </p>
          </Show>
          <Show when={moveError()}>
            <p class="form__error" role="alert">
              {moveError()}
            </p>
          </Show>
          <AsyncView
            resource={users}
            onRetry={() => void reloadUsers()}
            isEmpty={(page) => page.items.length === 0}
            empty={<EmptyState title={t('noUsers')} />}
          >
            {(page) => (
              <ScrollTable columns={[t('name'), t('email'), t('userStatus'), t('actions')]}>
                <For each={page.items}>
                  {(user) => (
                    <tr>
                      <th scope="row">
                        {user.name}
                        <Show when={organisation()?.adminUserId === user.id}> · {t('admin')}</Show>
                      </th>
                      <td>{user.email}</td>
                      <td>{t(`userStatus.${user.status}`)}</td>
                      <td>
                        <div class="row-actions">
                          <Show when={isTenantAdmin() && organisation()?.adminUserId !== user.id}>
                            <Button
                              variant="ghost"
                              onClick={() => void changeOrganisation({ adminUserId: user.id })}
                            >
                              {t('makeAdmin')}
                            </Button>
                          </Show>
                          <Show when={user.id !== session()?.user.id}>
                            <Button
                              variant="ghost"
                              aria-label={`${user.status === 'disabled' ? t('enable') : t('disable')}: ${user.name}`}
                              onClick={() =>
                                void setStatus(user, user.status === 'disabled' ? 'active' : 'disabled')
                              }
                            >
                              {user.status === 'disabled' ? t('enable') : t('disable')}
                            </Button>
                          </Show>
                          <Show when={isTenantAdmin() && targets().length > 0}>
                            <select
                              class="field__input"
                              aria-label={`${t('moveTo')}: ${user.name}`}
                              value={moveTo()[user.id] ?? ''}
                              onChange={(event) => {
                                const value = event.currentTarget.value;
                                setMoveTo((current) => ({ ...current, [user.id]: value }));
                              }}
                            >
                              <option value="">{t('moveTo')}</option>
                              <For each={targets()}>
                                {(target) => <option value={target.id}>{target.name}</option>}
                              </For>
                            </select>
                            <Button
                              variant="ghost"
                              aria-label={`${t('move')}: ${user.name}`}
                              disabled={!moveTo()[user.id]}
                              onClick={() => void move(user)}
                            >
                              {t('move')}
                            </Button>
                          </Show>
                        </div>
                      </td>
                    </tr>
                  )}
                </For>
              </ScrollTable>
            )}
          </AsyncView>
        </Card>
        <Show when={isTenantAdmin()}>
          <Card title={t('shares')}>
            <AsyncView
              resource={shares}
              onRetry={() => void reloadShares()}
              isEmpty={(page) => page.items.length === 0}
              empty={<EmptyState title={t('noShares')} />}
            >
              {(page) => (
                <ScrollTable
                  columns={[t('customer'), t('fields'), t('access'), t('validUntil'), t('actions')]}
                >
                  <For each={page.items}>
                    {(share) => (
                      <tr>
                        <th scope="row">
                          <A href={`/customers/${share.customerId}`}>{customerName(share.customerId)}</A>
                        </th>
                        <td>{share.fields.map((field) => fieldLabel(`shareField.${field}`)).join(', ')}</td>
                        <td>{t(`access.${share.access}`)}</td>
                        <td>{until(share)}</td>
                        <td>
                          <Button
                            variant="ghost"
                            aria-label={`${t('revoke')}: ${customerName(share.customerId)}`}
                            onClick={() => void revoke(share)}
                          >
                            {t('revoke')}
                          </Button>
                        </td>
                      </tr>
                    )}
                  </For>
                </ScrollTable>
              )}
            </AsyncView>
          </Card>
        </Show>
        <InviteDialog
          open={inviting()}
          onOpenChange={setInviting}
          organisationId={params.organisationId}
          organisationName={organisation()?.name ?? ''}
          onInvited={(email) => {
            setNotice(t('invited', { email }));
            void reloadUsers();
          }}
        />
      </div>
    </Page>
  );
}

function InviteDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  organisationId: string;
  organisationName: string;
  onInvited: (email: string) => void;
}) {
  const t = useMessages(partnersMessages);
  const api = useApi();
  const form = createForm();
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const submit = form.submit(async () => {
    await unwrap(
      api.POST('/v1/partner-organisations/{organisationId}/invitations', {
        params: { path: { organisationId: props.organisationId } },
        body: { email: email(), ...(name().trim() ? { name: name().trim() } : {}) },
      }),
    );
    props.onInvited(email());
    setEmail('');
    setName('');
    props.onOpenChange(false);
  });
  return (
    <AdminDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('inviteTitle', { organisation: props.organisationName })}
    >
      <form class="form" onSubmit={submit}>
        <FormField
          name="email"
          type="email"
          label={t('email')}
          value={email()}
          onChange={setEmail}
          error={form.fieldError('email')}
          required
        />
        <FormField
          name="name"
          label={t('name')}
          value={name()}
          onChange={setName}
          error={form.fieldError('name')}
        />
        <FormActions
          error={form.formMessage('email')}
          cancelLabel={t('cancel')}
          onCancel={() => props.onOpenChange(false)}
          submitLabel={t('inviteSubmit')}
          pending={form.pending()}
        />
      </form>
    </AdminDialog>
  );
}
