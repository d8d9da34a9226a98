import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { DateTimeField } from '../../lib/ui/date-time-field.js';
import { Page } from '../../lib/ui/page.js';
import { TextAreaField } from '../../lib/ui/text-area-field.js';
import { AssigneeLabel } from './assignee-label.js';
import { serviceMessages } from './messages.js';
import { type ServiceDirectory, type ServiceRequest, useServiceDirectory } from './service-directory.js';
import { localToInstant, ServiceTransitionDialog } from './service-transition-dialog.js';
import './service.css';
import { SlaBadge } from '../complaints/sla-badge.js';
import { TrailDetail } from './trail-detail.js';

type NextStep = components['schemas']['ServiceNextStep'];

/** One service request: what it is, where it stands, its visits, its whole trail and the next step. */
export function ServiceRequestPage() {
  const api = useApi();
  const params = useParams<{ requestId: string }>();
  const directory = useServiceDirectory();
  const [request, { refetch, mutate }] = createResource(
    () => params.requestId,
    (requestId) => unwrap(api.GET('/v1/service-requests/{requestId}', { params: { path: { requestId } } })),
  );
  const [customer] = createResource(
    () => request()?.customerId,
    (customerId) =>
      unwrap(api.GET('/v1/customers/{customerId}', { params: { path: { customerId } } })).catch(
        () => undefined,
      ),
  );
  return (
    <AsyncView resource={request} onRetry={refetch}>
      {(current) => (
        <Page title={current.summary} term="客户服务">
          <RequestBody
            request={current}
            customerName={customer()?.name}
            directory={directory}
            onChanged={(next) => mutate(next)}
            onConflict={() => void refetch()}
          />
        </Page>
      )}
    </AsyncView>
  );
}

function RequestBody(props: {
  request: ServiceRequest;
  customerName: string | undefined;
  directory: ServiceDirectory;
  onChanged: (request: ServiceRequest) => void;
  onConflict: () => void;
}) {
  const t = useMessages(serviceMessages);
  const labelled = useLabelled();
  const format = useFormat();
  const [moving, setMoving] = createSignal<NextStep>();
  const nameOf = props.directory.userName;
  const closed = () => props.request.status === 'followed_up' || props.request.status === 'cancelled';
  const visitable = () => ['planned', 'dispatched', 'in_progress'].includes(props.request.status);
  return (
    <>
      <section class="card" aria-labelledby="service-facts">
        <h2 id="service-facts" class="card__title">
          <span data-testid="service-status">{t(`status.${props.request.status}`)}</span>{' '}
          <span class={`badge priority--${props.request.priority}`}>
            {t(`priority.${props.request.priority}`)}
          </span>{' '}
          <SlaBadge complaint={props.request} />
        </h2>
        <dl class="figures">
          <div class="figure">
            <dt>{t('detail.customer')}</dt>
            <dd>
              <A href={`/customers/${props.request.customerId}?tab=service`}>
                {props.customerName ?? props.request.customerId}
              </A>
            </dd>
          </div>
          <div class="figure">
            <dt>{t('field.category')}</dt>
            <dd>{t(`category.${props.request.category}`)}</dd>
          </div>
          <div class="figure">
            <dt>{t('detail.assignee')}</dt>
            <dd>
              <AssigneeLabel assignee={props.request.assignee} directory={props.directory} />
            </dd>
          </div>
          <div class="figure">
            <dt>{t('detail.received')}</dt>
            <dd>{format.date(props.request.receivedAt, true)}</dd>
          </div>
          <Show when={props.request.requestedWindow}>
            {(window) => (
              <div class="figure">
                <dt>{t('detail.requestedWindow')}</dt>
                <dd>
                  {format.date(window().from, true)} – {format.date(window().to, true)}
                </dd>
              </div>
            )}
          </Show>
        </dl>
        <Show when={props.request.description}>
          <p>{props.request.description}</p>
        </Show>
        <Show when={props.request.planDueOn}>
          {(day) => <p class="muted">{t('detail.fromPlan', { date: format.date(day()) })}</p>}
        </Show>
        <Show when={props.request.result}>
          {(result) => (
            <p data-testid="service-result">
              <strong>{labelled(t('detail.result'))}</strong>
              {result().summary}
            </p>
          )}
        </Show>
        <Show when={props.request.followUp}>
          {(followUp) => (
            <p data-testid="service-follow-up">
              {t('detail.followUp', {
                score: String(followUp().score),
                method: t(followUp().method === 'visit' ? 'field.method.visit' : 'field.method.call'),
              })}{' '}
              — {followUp().note}
            </p>
          )}
        </Show>
      </section>
      <section class="card" aria-labelledby="service-next">
        <h2 id="service-next" class="card__title">
          {t('next.heading')}
        </h2>
        <Show
          when={(props.request.next ?? []).length > 0}
          fallback={<p class="muted">{closed() ? t('next.closed') : t('next.none')}</p>}
        >
          <div class="service-next">
            <For each={props.request.next ?? []}>
              {(step, index) => (
                <Button
                  variant={index() === 0 ? 'primary' : 'secondary'}
                  onClick={() => setMoving(step)}
                  data-next={step.to}
                >
                  {t(`action.${step.action}`)} → {t(`status.${step.to}`)}
                </Button>
              )}
            </For>
          </div>
        </Show>
      </section>
      <section class="card" aria-labelledby="service-visits">
        <h2 id="service-visits" class="card__title">
          {t('visits.heading')}
        </h2>
        <Show when={props.request.visits.length > 0} fallback={<p class="muted">{t('visits.none')}</p>}>
          <ul class="service-list" data-testid="service-visits">
            <For each={props.request.visits}>
              {(visit) => (
                <li>
                  {format.date(visit.start, true)} – {format.date(visit.end, true)}
                  <Show when={visit.technicianId}>
                    {(id) => <span class="muted"> · {nameOf(id())}</span>}
                  </Show>
                  <Show when={visit.notes}>{(notes) => <p class="muted">{notes()}</p>}</Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={visitable()}>
          <AddVisitForm request={props.request} onAdded={props.onChanged} />
        </Show>
      </section>
      <section class="card" aria-labelledby="service-trail">
        <h2 id="service-trail" class="card__title">
          {t('trail.heading')}
        </h2>
        <ol class="service-list" data-testid="service-trail">
          <For each={props.request.trail}>
            {(entry) => (
              <li data-action={entry.action}>
                <strong>{t(`action.${entry.action}`)}</strong>{' '}
                <span class="muted">
                  {t('trail.by', { who: nameOf(entry.by), date: format.date(entry.at, true) })}
                </span>
                <For each={Object.entries(entry.details)}>
                  {([name, value]) => <TrailDetail name={name} value={value} directory={props.directory} />}
                </For>
              </li>
            )}
          </For>
        </ol>
      </section>
      <ServiceTransitionDialog
        request={props.request}
        step={moving()}
        directory={props.directory}
        onClose={() => setMoving(undefined)}
        onMoved={(next) => {
          setMoving(undefined);
          props.onChanged(next);
        }}
        onConflict={() => {
          setMoving(undefined);
          props.onConflict();
        }}
      />
    </>
  );
}

function AddVisitForm(props: { request: ServiceRequest; onAdded: (request: ServiceRequest) => void }) {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const form = createForm();
  const [start, setStart] = createSignal('');
  const [end, setEnd] = createSignal('');
  const [notes, setNotes] = createSignal('');
  const add = async () => {
    const next = await unwrap(
      api.POST('/v1/service-requests/{requestId}/visits', {
        params: { path: { requestId: props.request.id } },
        body: {
          start: localToInstant(start()),
          end: localToInstant(end()),
          ...(notes().trim() ? { notes: notes() } : {}),
          version: props.request.version,
        },
      }),
    );
    setStart('');
    setEnd('');
    setNotes('');
    props.onAdded(next);
  };
  return (
    <form class="form" onSubmit={form.submit(add)} data-testid="add-visit">
      <h3 class="credit-panel__subheading">{t('visits.add')}</h3>
      <DateTimeField
        id="visit-start"
        name="start"
        label={t('field.start')}
        value={start()}
        onChange={setStart}
        invalid={form.fieldError('start') !== undefined}
      />
      <DateTimeField
        id="visit-end"
        name="end"
        label={t('field.end')}
        value={end()}
        onChange={setEnd}
        error={form.fieldError('end')}
      />
      <TextAreaField
        id="visit-notes"
        name="notes"
        label={t('field.notes')}
        value={notes()}
        onChange={setNotes}
      />
      <Show when={form.error() && !form.fieldError('end')}>
        <p class="form__error" role="alert">
          {(form.error() as Error).message}
        </p>
      </Show>
      <Button type="submit" disabled={form.pending()}>
        {t('visits.add')}
      </Button>
    </form>
  );
}
