import { createResource, createSignal, For, Show } from 'solid-js';
import { createCursorList } from '../../lib/api/cursor-list.js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { EventTypeLabel } from '../../lib/events/event-type-label.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import '../../lib/ui/admin-screen.css';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { OneTimeSecret } from '../../lib/ui/one-time-secret.js';
import { Page } from '../../lib/ui/page.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { EmptyState } from '../../lib/ui/states.js';
import { AdminDialog } from '../settings/admin-dialog.js';
import { isEventGroup, webhooksMessages } from './messages.js';
import { useEventPatternName } from './use-event-pattern-name.js';

type Endpoint = components['schemas']['WebhookEndpoint'];
type Attempt = components['schemas']['WebhookAttempt'];

/** Webhooks admin: endpoints, adding one (event picker from the catalog, secret shown once), test pings, the log. */
export function WebhooksPage() {
  const t = useMessages(webhooksMessages);
  const patternName = useEventPatternName();
  const api = useApi();
  const [endpoints, { refetch }] = createResource(() => unwrap(api.GET('/v1/webhooks')));
  const [creating, setCreating] = createSignal(false);
  const [selected, setSelected] = createSignal<Endpoint>();

  const statusOf = (endpoint: Endpoint) =>
    endpoint.enabled ? t('endpoints.enabled') : t(`endpoints.disabled.${endpoint.disabledReason ?? 'admin'}`);

  return (
    <Page title={t('title')} description={t('description')}>
      {/* The shared admin styles: tables that scroll sideways on a phone, hidden column labels. */}
      <div class="admin-screen">
        <ActionCard
          title={t('endpoints.title')}
          action={<Button onClick={() => setCreating(true)}>{t('endpoints.create')}</Button>}
        >
          <AsyncView
            resource={endpoints}
            onRetry={() => void refetch()}
            isEmpty={(page) => page.items.length === 0}
            empty={<EmptyState title={t('endpoints.empty')} />}
          >
            {(page) => (
              <ScrollTable
                columns={[
                  t('endpoints.url'),
                  t('endpoints.events'),
                  t('endpoints.status'),
                  { label: t('endpoints.log'), hidden: true },
                ]}
              >
                <For each={page.items}>
                  {(endpoint) => (
                    <tr>
                      <th scope="row">{endpoint.url}</th>
                      <td>{endpoint.events.map(patternName).join(t('pattern.separator'))}</td>
                      <td>
                        <span class={`status status--${endpoint.enabled ? 'active' : 'revoked'}`}>
                          {statusOf(endpoint)}
                        </span>
                      </td>
                      <td>
                        <Show
                          when={endpoint.enabled}
                          fallback={
                            <Button
                              variant="ghost"
                              onClick={async () => {
                                await unwrap(
                                  api.PATCH('/v1/webhooks/{webhookId}', {
                                    params: { path: { webhookId: endpoint.id } },
                                    body: { enabled: true, version: endpoint.version },
                                  }),
                                );
                                await refetch();
                              }}
                            >
                              {t('endpoints.enable')}
                            </Button>
                          }
                        >
                          <Button
                            variant="ghost"
                            onClick={async () => {
                              await unwrap(
                                api.POST('/v1/webhooks/{webhookId}/test', {
                                  params: { path: { webhookId: endpoint.id } },
                                }),
                              );
                              setSelected({ ...endpoint });
                            }}
                          >
                            {t('endpoints.test')}
                          </Button>
                        </Show>
                        <Button variant="ghost" onClick={() => setSelected({ ...endpoint })}>
                          {t('endpoints.log')}
                        </Button>
                      </td>
                    </tr>
                  )}
                </For>
              </ScrollTable>
            )}
          </AsyncView>
        </ActionCard>
        <Show when={selected()} keyed>
          {(endpoint) => <DeliveryLog endpoint={endpoint} />}
        </Show>
        <CreateEndpointDialog open={creating()} onOpenChange={setCreating} onCreated={() => void refetch()} />
      </div>
    </Page>
  );
}

/** One endpoint's deliveries, newest first, each with its attempts; resend one. */
function DeliveryLog(props: { endpoint: Endpoint }) {
  const t = useMessages(webhooksMessages);
  const api = useApi();
  const format = useFormat();
  const log = createCursorList(
    () => props.endpoint.id,
    (webhookId, after) =>
      unwrap(
        api.GET('/v1/webhooks/{webhookId}/deliveries', {
          params: { path: { webhookId }, query: { limit: 50, ...(after ? { cursor: after } : {}) } },
        }),
      ),
  );
  /**
   * The last attempt in the reader's words: the HTTP status or why none came (the attempt's
   * `reason`), and how long it took; the network's own detail (connect ECONNREFUSED …) is shown as
   * it came. Attempts logged before reasons show their `error` as it came.
   */
  const lastAnswer = (attempt: Attempt) => {
    if (attempt.reason === 'endpoint_disabled' || attempt.reason === 'endpoint_deleted') {
      return t(`log.reason.${attempt.reason}`);
    }
    const answer = attempt.status === undefined ? t('log.noAnswer') : `HTTP ${attempt.status}`;
    const detail = attempt.error?.replace(/^(?:no response|blocked): /, '') ?? '';
    const why =
      attempt.status !== undefined || !attempt.error
        ? ''
        : attempt.reason === 'timed_out'
          ? t('log.reason.timed_out')
          : attempt.reason === 'blocked'
            ? t('log.blocked', { detail })
            : attempt.reason === 'no_response'
              ? t('log.detail', { detail })
              : attempt.error;
    return [answer, t('log.latency', { ms: String(attempt.latencyMs) }), why].filter(Boolean).join(' · ');
  };
  return (
    <ActionCard
      title={t('log.title', { url: props.endpoint.url })}
      action={
        <Button variant="secondary" onClick={() => void log.refetch()}>
          ↻
        </Button>
      }
    >
      <AsyncView
        resource={log.items}
        onRetry={() => void log.refetch()}
        isEmpty={log.isEmpty}
        empty={<EmptyState title={t('log.empty')} />}
      >
        {(items) => (
          <div class="table-scroll">
            <table class="table" ref={stackRowsWhenNarrow}>
              <thead>
                <tr>
                  <th scope="col">{t('log.event')}</th>
                  <th scope="col">{t('log.created')}</th>
                  <th scope="col">{t('log.status')}</th>
                  <th scope="col" class="number">
                    {t('log.attempts')}
                  </th>
                  <th scope="col">{t('log.last')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('log.resend')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={items}>
                  {(delivery) => {
                    const last = delivery.attempts.at(-1);
                    return (
                      <tr>
                        <th scope="row">
                          {/* The test ping is no catalog event: the log names it itself. */}
                          <EventTypeLabel
                            type={delivery.eventType}
                            name={delivery.eventType === 'webhook.ping' ? t('log.ping') : undefined}
                          />
                        </th>
                        <td>{format.date(delivery.createdAt, true)}</td>
                        <td>{t(`log.status.${delivery.status}`)}</td>
                        <td class="number">{delivery.attempts.length}</td>
                        <td>{last ? lastAnswer(last) : '—'}</td>
                        <td>
                          <Button
                            variant="ghost"
                            aria-label={`${t('log.resend')} ${delivery.id}`}
                            onClick={async () => {
                              await unwrap(
                                api.POST('/v1/webhooks/{webhookId}/deliveries/{messageId}/resend', {
                                  params: { path: { webhookId: props.endpoint.id, messageId: delivery.id } },
                                }),
                              );
                              await log.refetch();
                            }}
                          >
                            {t('log.resend')}
                          </Button>
                        </td>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
            <Show when={log.hasMore()}>
              <Button variant="secondary" onClick={log.more}>
                {t('log.more')}
              </Button>
            </Show>
          </div>
        )}
      </AsyncView>
      <RecoverFailed webhookId={props.endpoint.id} onQueued={() => void log.refetch()} />
    </ActionCard>
  );
}

/** The local `datetime-local` value of an instant (the input shows the user's own clock). */
function localInputValue(at: Date): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Svix's "recover": after an outage, every failed message since a time is sent again. */
function RecoverFailed(props: { webhookId: string; onQueued: () => void }) {
  const t = useMessages(webhooksMessages);
  const api = useApi();
  const [since, setSince] = createSignal(localInputValue(new Date(Date.now() - 86_400_000)));
  const [queued, setQueued] = createSignal<number>();
  const [error, setError] = createSignal<string>();
  const recover = async (event: SubmitEvent) => {
    event.preventDefault();
    setQueued(undefined);
    setError(undefined);
    const at = new Date(since());
    if (Number.isNaN(at.getTime())) {
      setError(t('recover.badTime'));
      return;
    }
    try {
      const answer = await unwrap(
        api.POST('/v1/webhooks/{webhookId}/recover', {
          params: { path: { webhookId: props.webhookId } },
          body: { since: at.toISOString() },
        }),
      );
      setQueued(answer.queued);
      props.onQueued();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <form class="form webhook-recover" onSubmit={recover}>
      <div class="field">
        <label class="field__label" for={`recover-${props.webhookId}`}>
          {t('recover.since')}
        </label>
        <input
          id={`recover-${props.webhookId}`}
          class="field__input"
          type="datetime-local"
          value={since()}
          onInput={(input) => setSince(input.currentTarget.value)}
        />
        <p class="field__description">{t('recover.hint')}</p>
      </div>
      <Button type="submit" variant="secondary">
        {t('recover.submit')}
      </Button>
      <Show when={queued() !== undefined}>
        <p role="status">{t('recover.queued', { count: queued() ?? 0 })}</p>
      </Show>
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}

/** URL, description and events (grouped by their first word, each group also as a wildcard); then the secret, once. */
function CreateEndpointDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: () => void;
}) {
  const t = useMessages(webhooksMessages);
  const api = useApi();
  const form = createForm();
  const [catalog] = createResource(
    () => props.open,
    async (open) =>
      open ? (await unwrap(api.GET('/v1/events/catalog'))).items.map((entry) => entry.type) : [],
  );
  const [url, setUrl] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [events, setEvents] = createSignal<string[]>([]);
  const [secret, setSecret] = createSignal<string>();

  const groups = () => [...new Set((catalog() ?? []).map((type) => type.split('.')[0] as string))];
  const toggle = (pattern: string, on: boolean) =>
    setEvents((current) => (on ? [...current, pattern] : current.filter((one) => one !== pattern)));

  const close = (open: boolean) => {
    if (open) return;
    // The secret is forgotten on close: it is never shown again.
    setSecret(undefined);
    setUrl('');
    setDescription('');
    setEvents([]);
    form.setError(undefined);
    props.onOpenChange(false);
  };

  const submit = form.submit(async () => {
    if (events().length === 0) throw new Error(t('create.noEvents'));
    const created = await unwrap(
      api.POST('/v1/webhooks', {
        body: { url: url(), events: events(), ...(description() ? { description: description() } : {}) },
      }),
    );
    setSecret(created.secret);
    props.onCreated();
  });

  return (
    <AdminDialog
      open={props.open}
      onOpenChange={close}
      title={secret() ? t('secret.title') : t('create.title')}
      description={secret() ? t('secret.body') : t('create.body')}
    >
      <Show
        when={secret()}
        fallback={
          <form class="form" onSubmit={submit}>
            <FormField
              name="url"
              label={t('create.url')}
              value={url()}
              onChange={setUrl}
              error={form.fieldError('url')}
              required
              autofocus
            />
            <FormField
              name="description"
              label={t('create.description')}
              value={description()}
              onChange={setDescription}
              error={form.fieldError('description')}
            />
            <fieldset class="field">
              <legend class="field__label">{t('create.events')}</legend>
              <For each={groups()}>
                {(group) => (
                  <div class="webhook-event-group">
                    <label>
                      <input
                        type="checkbox"
                        checked={events().includes(`${group}.*`)}
                        onChange={(event) => toggle(`${group}.*`, event.currentTarget.checked)}
                      />{' '}
                      {t('create.all', { group: isEventGroup(group) ? t(`group.${group}`) : group })} (
                      <code>{group}.*</code>)
                    </label>
                    <For each={(catalog() ?? []).filter((type) => type.startsWith(`${group}.`))}>
                      {(type) => (
                        <label>
                          <input
                            type="checkbox"
                            checked={events().includes(type)}
                            onChange={(event) => toggle(type, event.currentTarget.checked)}
                          />{' '}
                          <EventTypeLabel type={type} />
                        </label>
                      )}
                    </For>
                  </div>
                )}
              </For>
            </fieldset>
            <FormActions
              error={form.formMessage('url')}
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
            id="webhook-secret"
            label={t('secret.label')}
            value={value()}
            copyLabel={t('secret.copy')}
            copiedLabel={t('secret.copied')}
            closeLabel={t('action.close')}
            onClose={() => close(false)}
          />
        )}
      </Show>
    </AdminDialog>
  );
}
