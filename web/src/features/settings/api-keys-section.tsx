import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { OneTimeSecret } from '../../lib/ui/one-time-secret.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { EmptyState } from '../../lib/ui/states.js';
import { AdminDialog, ConfirmDialog } from './admin-dialog.js';
import { settingsMessages } from './messages.js';

type ApiKey = components['schemas']['ApiKey'];
type Scope = ApiKey['scope'];

/** Integration keys: create (the secret shown once, with a copy button), list, revoke. Admins only. */
export function ApiKeysSection() {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const format = useFormat();
  const [keys, { refetch }] = createResource(() => unwrap(api.GET('/v1/api-keys')));
  const [creating, setCreating] = createSignal(false);
  const [toRevoke, setToRevoke] = createSignal<ApiKey>();

  return (
    <ActionCard
      title={t('keys.title')}
      action={<Button onClick={() => setCreating(true)}>{t('keys.create')}</Button>}
    >
      <AsyncView
        resource={keys}
        onRetry={() => void refetch()}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState title={t('keys.empty')} />}
      >
        {(page) => (
          <ScrollTable
            columns={[
              t('keys.name'),
              t('keys.scope'),
              t('keys.created'),
              t('keys.lastUsed'),
              t('keys.status'),
              { label: t('keys.revoke'), hidden: true },
            ]}
          >
            <For each={page.items}>
              {(key) => (
                <tr>
                  <th scope="row">{key.name}</th>
                  <td>{t(`keys.scope.${key.scope}`)}</td>
                  <td>{format.date(key.createdAt, true)}</td>
                  <td>{key.lastUsedAt ? format.date(key.lastUsedAt, true) : t('keys.never')}</td>
                  <td>
                    <span class={`status status--${key.revokedAt ? 'revoked' : 'active'}`}>
                      {key.revokedAt ? t('keys.revoked') : t('keys.active')}
                    </span>
                  </td>
                  <td>
                    <Show when={!key.revokedAt}>
                      <Button
                        variant="ghost"
                        aria-label={`${t('keys.revoke')} ${key.name}`}
                        onClick={() => setToRevoke(key)}
                      >
                        {t('keys.revoke')}
                      </Button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </ScrollTable>
        )}
      </AsyncView>
      <CreateKeyDialog open={creating()} onOpenChange={setCreating} onCreated={() => void refetch()} />
      <ConfirmDialog
        open={toRevoke() !== undefined}
        onOpenChange={(open) => {
          if (!open) setToRevoke(undefined);
        }}
        title={t('keys.revokeTitle', { name: toRevoke()?.name ?? '' })}
        body={t('keys.revokeBody')}
        confirmLabel={t('keys.revoke')}
        onConfirm={async () => {
          const key = toRevoke();
          if (!key) return;
          await unwrap(api.DELETE('/v1/api-keys/{keyId}', { params: { path: { keyId: key.id } } }));
          await refetch();
        }}
      />
    </ActionCard>
  );
}

/** Names the key and its scope; then shows the secret, once, until the dialog is closed. */
function CreateKeyDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: () => void;
}) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const form = createForm();
  const [name, setName] = createSignal('');
  const [scope, setScope] = createSignal<Scope>('read');
  const [secret, setSecret] = createSignal<string>();

  const close = (open: boolean) => {
    if (open) return;
    // The secret is forgotten on close: it is never shown again.
    setSecret(undefined);
    setName('');
    form.setError(undefined);
    props.onOpenChange(false);
  };

  const submit = form.submit(async () => {
    const created = await unwrap(api.POST('/v1/api-keys', { body: { name: name(), scope: scope() } }));
    setSecret(created.key);
    props.onCreated();
  });

  return (
    <AdminDialog
      open={props.open}
      onOpenChange={close}
      title={secret() ? t('keys.secretTitle') : t('keys.createTitle')}
      description={secret() ? t('keys.secretBody') : t('keys.createBody')}
    >
      <Show
        when={secret()}
        fallback={
          <form class="form" onSubmit={submit}>
            <FormField
              name="name"
              label={t('keys.name')}
              value={name()}
              onChange={setName}
              error={form.fieldError('name')}
              required
              autofocus
            />
            <div class="field">
              <label class="field__label" for="api-key-scope">
                {t('keys.scope')}
              </label>
              <select
                id="api-key-scope"
                name="scope"
                class="field__input"
                value={scope()}
                onChange={(event) => setScope(event.currentTarget.value as Scope)}
              >
                <option value="read">{t('keys.scope.read')}</option>
                <option value="write">{t('keys.scope.write')}</option>
              </select>
            </div>
            <FormActions
              error={form.formMessage('name')}
              cancelLabel={t('action.cancel')}
              onCancel={() => close(false)}
              submitLabel={t('action.create')}
              pending={form.pending()}
            />
          </form>
        }
      >
        {(value) => (
          <OneTimeSecret
            id="api-key-secret"
            label={t('keys.secretLabel')}
            value={value()}
            copyLabel={t('keys.copy')}
            copiedLabel={t('keys.copied')}
            closeLabel={t('action.close')}
            onClose={() => close(false)}
          />
        )}
      </Show>
    </AdminDialog>
  );
}
