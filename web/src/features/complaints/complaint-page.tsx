import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { ComplaintFollowUpCall } from './complaint-follow-up.js';
import { complaintMessages } from './messages.js';
import { SlaBadge } from './sla-badge.js';
import { TransitionDialog } from './transition-dialog.js';
import './complaints.css';

type Complaint = components['schemas']['ComplaintView'];
type NextStep = components['schemas']['ComplaintNextStep'];

/** One complaint (客户投诉): what it is about, where it stands, its whole trail, and the next step. */
export function ComplaintPage() {
  const api = useApi();
  const params = useParams<{ complaintId: string }>();
  const [complaint, { refetch, mutate }] = createResource(
    () => params.complaintId,
    (complaintId) => unwrap(api.GET('/v1/complaints/{complaintId}', { params: { path: { complaintId } } })),
  );
  // Loaded here, not in the body: the body is rendered again with each step, these stay.
  const [customer] = createResource(
    () => complaint()?.customerId,
    (customerId) =>
      unwrap(api.GET('/v1/customers/{customerId}', { params: { path: { customerId } } })).catch(
        () => undefined,
      ),
  );
  const [users] = createResource(() =>
    unwrap(api.GET('/v1/users')).catch(() => ({ items: [] as components['schemas']['User'][] })),
  );
  const [departments] = createResource(() =>
    unwrap(api.GET('/v1/complaints/departments')).catch(() => ({
      items: [] as components['schemas']['Department'][],
    })),
  );
  return (
    <AsyncView resource={complaint} onRetry={refetch}>
      {(current) => (
        <Page title={current.summary} term="客户投诉">
          <ComplaintBody
            complaint={current}
            customerName={customer()?.name}
            users={users()?.items ?? []}
            departments={departments()?.items ?? []}
            onMoved={(next) => mutate(next)}
            onConflict={() => void refetch()}
          />
        </Page>
      )}
    </AsyncView>
  );
}

function ComplaintBody(props: {
  complaint: Complaint;
  customerName: string | undefined;
  users: readonly components['schemas']['User'][];
  departments: readonly components['schemas']['Department'][];
  onMoved: (complaint: Complaint) => void;
  onConflict: () => void;
}) {
  const t = useMessages(complaintMessages);
  const labelled = useLabelled();
  const { session } = useAuth();
  const format = useFormat();
  const [moving, setMoving] = createSignal<NextStep>();
  const nameOf = (userId: string) => {
    if (userId === session()?.user.id) return session()?.user.name || session()?.user.email || userId;
    const user = props.users.find((candidate) => candidate.id === userId);
    return user ? user.name || user.email : userId;
  };
  const departmentName = () =>
    props.departments.find((department) => department.id === props.complaint.departmentId)?.name ??
    props.complaint.departmentId;
  const closed = () => props.complaint.step === 'closed' || props.complaint.step === 'rejected';
  return (
    <>
      <section class="card" aria-labelledby="complaint-facts">
        <h2 id="complaint-facts" class="card__title">
          <span data-testid="complaint-step">{t(`step.${props.complaint.step}`)}</span>{' '}
          <SlaBadge complaint={props.complaint} />
        </h2>
        <dl class="figures">
          <div class="figure">
            <dt>{t('detail.customer')}</dt>
            <dd>
              <A href={`/customers/${props.complaint.customerId}?tab=complaints`}>
                {props.customerName ?? props.complaint.customerId}
              </A>
            </dd>
          </div>
          <div class="figure">
            <dt>{t('detail.severity')}</dt>
            <dd>{t(`severity.${props.complaint.severity}`)}</dd>
          </div>
          <div class="figure">
            <dt>{t('detail.category')}</dt>
            <dd>{t(`category.${props.complaint.category}`)}</dd>
          </div>
          <div class="figure">
            <dt>{t('detail.recorded')}</dt>
            <dd>{format.date(props.complaint.recordedAt, true)}</dd>
          </div>
          <Show when={props.complaint.departmentId}>
            <div class="figure">
              <dt>{t('detail.department')}</dt>
              <dd>{departmentName()}</dd>
            </div>
          </Show>
        </dl>
        <Show when={props.complaint.description}>
          <p>{props.complaint.description}</p>
        </Show>
        <Show when={props.complaint.attachments.length > 0}>
          <h3 class="credit-panel__subheading">{t('detail.attachments')}</h3>
          <ul>
            <For each={props.complaint.attachments}>
              {(attachment) => (
                <li>
                  <a href={attachment.url} target="_blank" rel="noopener noreferrer">
                    {attachment.label ?? attachment.url}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <For each={props.complaint.escalations}>
          {(escalation) => (
            <p class="callout" role="status">
              {t('detail.escalated', {
                step: t(`step.${escalation.step}`),
                date: format.date(escalation.dueAt, true),
              })}
            </p>
          )}
        </For>
        <ComplaintFollowUpCall
          complaint={props.complaint}
          nameOf={nameOf}
          onRecorded={props.onMoved}
          onConflict={props.onConflict}
        />
      </section>
      <section class="card" aria-labelledby="complaint-next">
        <h2 id="complaint-next" class="card__title">
          {t('next.heading')}
        </h2>
        <Show
          when={(props.complaint.next ?? []).length > 0}
          fallback={<p class="muted">{closed() ? t('next.closed') : t('next.none')}</p>}
        >
          <div class="complaint-next">
            <For each={props.complaint.next ?? []}>
              {(step, index) => (
                <Button
                  variant={index() === 0 ? 'primary' : 'secondary'}
                  onClick={() => setMoving(step)}
                  data-next={step.to}
                >
                  {t(`action.${step.action}`)} → {t(`step.${step.to}`)}
                </Button>
              )}
            </For>
          </div>
        </Show>
      </section>
      <section class="card" aria-labelledby="complaint-trail">
        <h2 id="complaint-trail" class="card__title">
          {t('trail.heading')}
        </h2>
        <ol class="complaint-trail" data-testid="complaint-trail">
          <For each={props.complaint.trail}>
            {(entry) => (
              <li class="complaint-trail__entry" data-action={entry.action}>
                <strong>{t(`action.${entry.action}`)}</strong>{' '}
                <span class="muted">
                  {t('trail.by', { who: nameOf(entry.by), date: format.date(entry.at, true) })}
                </span>
                <For each={Object.entries(entry.details)}>
                  {([name, value]) => (
                    <p class="complaint-trail__details">
                      {labelled(t(`field.${name}` as Parameters<typeof t>[0]))}
                      {name === 'departmentId' && value === props.complaint.departmentId
                        ? departmentName()
                        : typeof value === 'boolean'
                          ? t(value ? 'trail.yes' : 'trail.no')
                          : String(value)}
                    </p>
                  )}
                </For>
              </li>
            )}
          </For>
        </ol>
      </section>
      <TransitionDialog
        complaint={props.complaint}
        step={moving()}
        onClose={() => setMoving(undefined)}
        onMoved={(next) => {
          setMoving(undefined);
          props.onMoved(next);
        }}
        onConflict={() => {
          setMoving(undefined);
          props.onConflict();
        }}
      />
    </>
  );
}
