import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../../lib/api/errors.js';
import { useApi } from '../../../lib/auth/auth-context.js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../../lib/ui/async-view.js';
import { Button } from '../../../lib/ui/button.js';
import { EmptyState } from '../../../lib/ui/states.js';
import { customer360Messages } from '../360-messages.js';

type Key = Parameters<ReturnType<typeof useMessages<typeof customer360Messages>>>[0];

/** A changed value as a short text: lists joined, objects as JSON, nothing as a dash. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(describeValue).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Who changed what, and when (客户变更记录), newest first. `version` is the key to refresh it after a change. */
export function HistoryPanel(props: {
  customerId: string;
  version: number;
  actorName: (actorId: string) => string;
}) {
  const t = useMessages(customer360Messages);
  const api = useApi();
  const format = useFormat();
  const [history, { refetch }] = createResource(
    () => ({ customerId: props.customerId, version: props.version }),
    ({ customerId }) =>
      unwrap(
        api.GET('/v1/customers/{customerId}/history', {
          params: { path: { customerId }, query: { limit: 100 } },
        }),
      ),
  );
  return (
    <div class="history-panel">
      {/* The history is written from the change stream, a moment after the change itself. */}
      <div class="history-panel__bar">
        <span class="muted">{t('history.lag')}</span>
        <Button variant="secondary" onClick={() => refetch()} disabled={history.loading}>
          {t('history.refresh')}
        </Button>
      </div>
      <AsyncView
        resource={history}
        onRetry={refetch}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState title={t('history.empty')} />}
      >
        {(page) => (
          <ol class="history">
            <For each={page.items}>
              {(entry) => (
                <li class="history__entry">
                  <div class="history__meta">
                    <strong>{t(`history.${entry.action}` as Key)}</strong>
                    <time datetime={entry.at}>{format.date(entry.at, true)}</time>
                    <span class="muted">{t('history.by', { actor: props.actorName(entry.actorId) })}</span>
                  </div>
                  <Show when={entry.changes && Object.keys(entry.changes).length > 0}>
                    <table class="history__changes">
                      <thead>
                        <tr>
                          <th scope="col">{t('history.field')}</th>
                          <th scope="col">{t('history.before')}</th>
                          <th scope="col">{t('history.after')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={Object.entries(entry.changes ?? {})}>
                          {([field, [before, after]]) => (
                            <tr>
                              <th scope="row">{field}</th>
                              <td>{describeValue(before)}</td>
                              <td>{describeValue(after)}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        )}
      </AsyncView>
    </div>
  );
}
