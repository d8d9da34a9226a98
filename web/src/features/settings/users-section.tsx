import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { useRuntimeInfo } from '../../lib/runtime/runtime-info.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { Card } from '../../lib/ui/page.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { EmptyState } from '../../lib/ui/states.js';
import { AdminDialog, ConfirmDialog } from './admin-dialog.js';
import { fetchDevOutbox, invitationLink } from './dev-outbox.js';
import { settingsMessages } from './messages.js';

type User = components['schemas']['User'];
type Role = User['role'];

const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'partner'];

/** Who may give which role (packages/domain `canAssignRole`): only an owner makes owners. */
const assignableRoles = (actor: Role | undefined): readonly Role[] =>
  actor === 'owner' ? ROLES : ROLES.filter((role) => role !== 'owner');

/** The tenant's users: invite by e-mail with a role, change a role, disable or enable. Admins only. */
export function UsersSection(props: { myRole: Role | undefined; myUserId: string | undefined }) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const format = useFormat();
  const runtime = useRuntimeInfo();
  const [users, { refetch }] = createResource(() => unwrap(api.GET('/v1/users')));
  const { session } = useAuth();
  const [outbox, outboxControls] = createResource(
    () => runtime()?.runtime === 'local',
    () => fetchDevOutbox(session()),
  );
  const [inviting, setInviting] = createSignal(false);
  const [toDisable, setToDisable] = createSignal<User>();
  const [rowError, setRowError] = createSignal<string>();
  const [invitedEmail, setInvitedEmail] = createSignal<string>();

  const patch = async (user: User, body: components['schemas']['UserPatch']) => {
    setRowError(undefined);
    try {
      await unwrap(
        api.PATCH('/v1/users/{userId}', {
          params: { path: { userId: user.id } },
          body: { ...body, version: user.version },
        }),
      );
    } catch (error) {
      setRowError(error instanceof Error ? error.message : String(error));
    }
    await refetch();
  };

  return (
    <>
      <ActionCard
        title={t('users.title')}
        action={<Button onClick={() => setInviting(true)}>{t('users.invite')}</Button>}
      >
        <Show when={invitedEmail()}>
          {(email) => (
            <p class="notice" role="status">
              {t('users.invited', { email: email() })}
            </p>
          )}
        </Show>
        <Show when={rowError()}>
          <p class="form__error" role="alert">
            {rowError()}
          </p>
        </Show>
        <AsyncView
          resource={users}
          onRetry={() => void refetch()}
          isEmpty={(page) => page.items.length === 0}
          empty={<EmptyState title={t('users.empty')} />}
        >
          {(page) => (
            <ScrollTable
              columns={[
                t('users.name'),
                t('users.email'),
                t('users.role'),
                t('users.status'),
                t('users.actions'),
              ]}
            >
              <For each={page.items}>
                {(user) => {
                  const isMe = () => user.id === props.myUserId;
                  // An admin cannot touch an owner; nobody changes their own role here.
                  const locked = () => isMe() || (user.role === 'owner' && props.myRole !== 'owner');
                  return (
                    <tr>
                      <th scope="row">
                        {user.name}
                        <Show when={isMe()}>
                          <span class="badge">{t('users.you')}</span>
                        </Show>
                      </th>
                      <td>{user.email}</td>
                      <td>
                        <select
                          class="field__input"
                          aria-label={t('users.roleOf', { name: user.name || user.email })}
                          value={user.role}
                          disabled={locked()}
                          onChange={(event) => void patch(user, { role: event.currentTarget.value as Role })}
                        >
                          <For each={locked() ? ROLES : assignableRoles(props.myRole)}>
                            {(role) => <option value={role}>{t(`role.${role}`)}</option>}
                          </For>
                        </select>
                      </td>
                      <td>
                        <span class={`status status--${user.status}`}>{t(`status.${user.status}`)}</span>
                      </td>
                      <td>
                        <Show when={!locked()}>
                          <Show
                            when={user.status === 'disabled'}
                            fallback={
                              <Button variant="ghost" onClick={() => setToDisable(user)}>
                                {t('users.disable')}
                              </Button>
                            }
                          >
                            <Button variant="ghost" onClick={() => void patch(user, { status: 'active' })}>
                              {t('users.enable')}
                            </Button>
                          </Show>
                        </Show>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </ScrollTable>
          )}
        </AsyncView>
      </ActionCard>

      <Show when={runtime()?.runtime === 'local'}>
        <Card title={t('outbox.title')}>
          <p class="muted">{t('outbox.body')}</p>
          <AsyncView
            resource={outbox}
            onRetry={() => void outboxControls.refetch()}
            isEmpty={(mails) => mails.length === 0}
            empty={<p class="muted">{t('outbox.empty')}</p>}
          >
            {(mails) => (
              <ul class="outbox">
                <For each={mails}>
                  {(mail) => (
                    <li class="outbox__mail">
                      <div>
                        <strong>{mail.subject}</strong>
                        <span class="muted">
                          {' '}
                          · {mail.to} · {format.date(mail.createdAt, true)}
                        </span>
                      </div>
                      <Show
                        when={invitationLink(mail.text)}
                        fallback={<pre class="outbox__text">{mail.text}</pre>}
                      >
                        {(link) => (
                          <>
                            <a href={link()}>{t('outbox.open', { to: mail.to })}</a>
                            <code class="outbox__link">{link()}</code>
                          </>
                        )}
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </AsyncView>
        </Card>
      </Show>

      <InviteDialog
        open={inviting()}
        onOpenChange={setInviting}
        roles={assignableRoles(props.myRole)}
        onInvited={(user) => {
          setInvitedEmail(user.email);
          void refetch();
          void outboxControls.refetch();
        }}
      />
      <ConfirmDialog
        open={toDisable() !== undefined}
        onOpenChange={(open) => {
          if (!open) setToDisable(undefined);
        }}
        title={t('users.disableTitle', { name: toDisable()?.name || toDisable()?.email || '' })}
        body={t('users.disableBody', { email: toDisable()?.email ?? '' })}
        confirmLabel={t('users.disable')}
        onConfirm={async () => {
          const user = toDisable();
          if (user) await patch(user, { status: 'disabled' });
        }}
      />
    </>
  );
}

function InviteDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  roles: readonly Role[];
  onInvited: (user: User) => void;
}) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const form = createForm();
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('member');
  const submit = form.submit(async () => {
    const user = await unwrap(
      api.POST('/v1/users/invitations', {
        body: { email: email(), role: role(), ...(name().trim() ? { name: name().trim() } : {}) },
      }),
    );
    props.onInvited(user);
    setEmail('');
    setName('');
    props.onOpenChange(false);
  });
  return (
    <AdminDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('users.inviteTitle')}
      description={t('users.inviteBody')}
    >
      <form class="form" onSubmit={submit}>
        <FormField
          name="email"
          type="email"
          label={t('users.email')}
          value={email()}
          onChange={setEmail}
          error={form.fieldError('email')}
          required
          autofocus
        />
        <FormField
          name="name"
          label={t('users.inviteName')}
          value={name()}
          onChange={setName}
          error={form.fieldError('name')}
        />
        <div class="field">
          <label class="field__label" for="invite-role">
            {t('users.role')}
          </label>
          <select
            id="invite-role"
            name="role"
            class="field__input"
            value={role()}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            <For each={props.roles}>{(value) => <option value={value}>{t(`role.${value}`)}</option>}</For>
          </select>
        </div>
        <FormActions
          error={form.formMessage('email')}
          cancelLabel={t('action.cancel')}
          onCancel={() => props.onOpenChange(false)}
          submitLabel={t('users.invite')}
          pending={form.pending()}
        />
      </form>
    </AdminDialog>
  );
}
