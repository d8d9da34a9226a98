import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { SlaBadge } from '../complaints/sla-badge.js';
import { AssigneeLabel } from './assignee-label.js';
import { serviceMessages } from './messages.js';
import { type ServiceRequest, useServiceDirectory } from './service-directory.js';
import { ServiceNav } from './service-nav.js';
import './service.css';

type Status = components['schemas']['ServiceRequestStatus'];

const openStatuses: readonly Status[] = ['received', 'planned', 'dispatched', 'in_progress', 'resolved'];
const closedStatuses: readonly Status[] = ['followed_up', 'cancelled'];
const priorityRank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

/** Most urgent first, then the soonest due: what needs doing now sits on top of each column. */
function byUrgency(a: ServiceRequest, b: ServiceRequest): number {
  const rank = priorityRank[a.priority] - priorityRank[b.priority];
  if (rank !== 0) return rank;
  return (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff');
}

/**
 * The service board (客户服务): one column per status, each card with priority, assignee, due time
 * and the status's SLA badge (overdue, or when it falls due).
 */
export function ServiceBoardPage() {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const format = useFormat();
  const directory = useServiceDirectory();
  const [showClosed, setShowClosed] = createSignal(false);
  const [requests, { refetch }] = createResource(
    () => ({ closedToo: showClosed() }),
    async ({ closedToo }) =>
      (
        await unwrap(
          api.GET('/v1/service-requests', {
            params: { query: { limit: 200, ...(closedToo ? {} : { open: 'true' }) } },
          }),
        )
      ).items,
  );
  const statuses = () => (showClosed() ? [...openStatuses, ...closedStatuses] : openStatuses);
  return (
    <Page title={t('board.title')} term="客户服务" description={t('board.description')}>
      <ServiceNav />
      <label class="checkbox">
        <input
          type="checkbox"
          checked={showClosed()}
          onChange={(event) => setShowClosed(event.currentTarget.checked)}
        />{' '}
        {t('board.showClosed')}
      </label>
      <AsyncView resource={requests} onRetry={refetch}>
        {(items) => (
          <div class="service-board" data-testid="service-board" data-scrolls-sideways>
            <For each={statuses()}>
              {(status) => {
                const inStatus = () => items.filter((request) => request.status === status).sort(byUrgency);
                return (
                  <section
                    class="service-board__column"
                    aria-labelledby={`service-column-${status}`}
                    data-status={status}
                  >
                    <h2 id={`service-column-${status}`} class="service-board__heading">
                      {t(`status.${status}`)} <span class="muted">({inStatus().length})</span>
                    </h2>
                    <For each={inStatus()} fallback={<p class="muted">{t('board.empty')}</p>}>
                      {(request) => (
                        <A
                          class="card service-card"
                          href={`/service/requests/${request.id}`}
                          data-request={request.id}
                        >
                          <span class="service-card__summary">{request.summary}</span>
                          <span class="service-card__meta">
                            <span class={`badge priority--${request.priority}`}>
                              {t(`priority.${request.priority}`)}
                            </span>
                            <span class="badge badge--muted">
                              <AssigneeLabel assignee={request.assignee} directory={directory} />
                            </span>
                            <SlaBadge complaint={request} />
                            <Show when={request.dueAt}>
                              {(due) => (
                                <span class="muted">{t('due.at', { date: format.date(due(), true) })}</span>
                              )}
                            </Show>
                          </span>
                        </A>
                      )}
                    </For>
                  </section>
                );
              }}
            </For>
          </div>
        )}
      </AsyncView>
    </Page>
  );
}
