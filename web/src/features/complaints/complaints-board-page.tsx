import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { DepartmentsCard } from './departments-card.js';
import { complaintMessages } from './messages.js';
import { SlaBadge } from './sla-badge.js';
import './complaints.css';

type Complaint = components['schemas']['ComplaintView'];
type Step = components['schemas']['ComplaintStep'];

const openSteps: readonly Step[] = [
  'recorded',
  'validated',
  'assigned',
  'analysed',
  'proposed',
  'approved',
  'carried_out',
];
const closedSteps: readonly Step[] = ['closed', 'rejected'];

/** Overdue first, then the soonest due: what needs doing now sits on top of each column. */
function byUrgency(a: Complaint, b: Complaint): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (a.stepDueAt ?? '').localeCompare(b.stepDueAt ?? '');
}

/** The complaints board (客户投诉): one column per step of the eight, each card with its SLA. */
export function ComplaintsBoardPage() {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const { session } = useAuth();
  const isAdmin = () => ['owner', 'admin'].includes(session()?.user.role ?? '');
  const [showClosed, setShowClosed] = createSignal(false);
  // An object source: Solid does not fetch for a falsy one, and `false` is the usual value here.
  const [complaints, { refetch }] = createResource(
    () => ({ closedToo: showClosed() }),
    async ({ closedToo }) => {
      const page = await unwrap(
        api.GET('/v1/complaints', {
          params: { query: { limit: 200, ...(closedToo ? {} : { open: 'true' }) } },
        }),
      );
      return page.items;
    },
  );
  const steps = () => (showClosed() ? [...openSteps, ...closedSteps] : openSteps);
  return (
    <Page title={t('board.title')} term="客户投诉" description={t('board.description')}>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={showClosed()}
          onChange={(event) => setShowClosed(event.currentTarget.checked)}
        />{' '}
        {t('board.showClosed')}
      </label>
      <AsyncView resource={complaints} onRetry={refetch}>
        {(items) => (
          <div class="complaints-board" data-testid="complaints-board" data-scrolls-sideways>
            <For each={steps()}>
              {(step) => {
                const inStep = () => items.filter((complaint) => complaint.step === step).sort(byUrgency);
                return (
                  <section
                    class="complaints-board__column"
                    aria-labelledby={`column-${step}`}
                    data-step={step}
                  >
                    <h2 id={`column-${step}`} class="complaints-board__heading">
                      {t(`step.${step}`)} <span class="muted">({inStep().length})</span>
                    </h2>
                    <For each={inStep()} fallback={<p class="muted">{t('board.empty')}</p>}>
                      {(complaint) => (
                        <A
                          class="card complaint-card"
                          href={`/complaints/${complaint.id}`}
                          data-complaint={complaint.id}
                        >
                          <span class="complaint-card__summary">{complaint.summary}</span>
                          <span class="complaint-card__meta">
                            <span class="badge badge--muted">{t(`severity.${complaint.severity}`)}</span>
                            <SlaBadge complaint={complaint} />
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
      <Show when={isAdmin()}>
        <DepartmentsCard />
      </Show>
    </Page>
  );
}
