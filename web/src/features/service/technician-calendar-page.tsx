import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { isVersionConflict, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { serviceMessages } from './messages.js';
import { type ServiceRequest, useServiceDirectory } from './service-directory.js';
import { ServiceNav } from './service-nav.js';
import { VisitMoveDialog } from './visit-move-dialog.js';
import { onAnotherDay, onDay, weekDays, weekStart } from './week.js';
import './service.css';

type Visit = components['schemas']['ServiceVisit'];
type Dragged = { requestId: string; visitId: string };

/**
 * A technician's week (技术员日程): the visits of the requests dispatched to them or their team. A
 * visit is moved by dragging it to another day (same time of day), or with its Move button and a
 * dialog (keyboard); either way it is saved against the request's version read (If-Match), and a
 * request changed meanwhile reloads the week instead of being overwritten.
 */
export function TechnicianCalendarPage() {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const format = useFormat();
  const { session } = useAuth();
  const directory = useServiceDirectory();
  const [technician, setTechnician] = createSignal(session()?.user.id ?? '');
  const [monday, setMonday] = createSignal(weekStart(new Date()));
  const shift = (weeks: number) => {
    const next = new Date(monday());
    next.setDate(next.getDate() + weeks * 7);
    setMonday(next);
  };
  const [requests, { refetch }] = createResource(
    () => ({ assignee: technician(), from: monday() }),
    async ({ assignee, from }) => {
      const to = new Date(from);
      to.setDate(to.getDate() + 7);
      const page = await unwrap(
        api.GET('/v1/service-requests', {
          params: {
            query: {
              limit: 200,
              from: from.toISOString(),
              to: to.toISOString(),
              ...(assignee ? { assignee } : {}),
            },
          },
        }),
      );
      return page.items;
    },
  );
  const [moving, setMoving] = createSignal<{ request: ServiceRequest; visit: Visit }>();
  const [notice, setNotice] = createSignal<string>();
  const [dragged, setDragged] = createSignal<Dragged>();
  const dropOn = async (day: Date, items: ServiceRequest[]) => {
    const from = dragged();
    setDragged(undefined);
    const request = items.find((candidate) => candidate.id === from?.requestId);
    const visit = request?.visits.find((candidate) => candidate.id === from?.visitId);
    if (!request || !visit || onDay(visit.start, day)) return;
    try {
      await unwrap(
        api.PATCH('/v1/service-requests/{requestId}/visits/{visitId}', {
          params: {
            path: { requestId: request.id, visitId: visit.id },
            header: { 'if-match': `"${request.version}"` },
          },
          body: onAnotherDay(visit, day),
        }),
      );
      setNotice(t('move.done'));
    } catch (error) {
      setNotice(isVersionConflict(error) ? t('move.conflict') : (error as Error).message);
    }
    await refetch();
  };
  const visits = (items: NonNullable<ReturnType<typeof requests>>) =>
    items.flatMap((request) =>
      request.visits
        .filter(
          (visit) => !technician() || visit.technicianId === null || visit.technicianId === technician(),
        )
        .map((visit) => ({ request, visit })),
    );
  return (
    <Page title={t('calendar.title')} term="技术员日程" description={t('calendar.description')}>
      <ServiceNav />
      <div class="service-toolbar">
        <div class="field">
          <label class="field__label" for="calendar-technician">
            {t('calendar.technician')}
          </label>
          <select
            id="calendar-technician"
            class="field__input"
            value={technician()}
            onChange={(event) => setTechnician(event.currentTarget.value)}
          >
            <For each={directory.users()}>
              {(user) => <option value={user.id}>{user.name || user.email}</option>}
            </For>
          </select>
        </div>
        <Button variant="secondary" onClick={() => shift(-1)}>
          {t('calendar.previous')}
        </Button>
        <span data-testid="calendar-week">{t('calendar.week', { date: format.date(monday()) })}</span>
        <Button variant="secondary" onClick={() => shift(1)}>
          {t('calendar.next')}
        </Button>
      </div>
      <p class="muted">{t('calendar.dragHint')}</p>
      <Show when={notice()}>
        {(message) => (
          <p role="status" data-testid="calendar-notice">
            {message()}
          </p>
        )}
      </Show>
      <VisitMoveDialog
        target={moving()}
        onClose={() => setMoving(undefined)}
        onMoved={() => {
          setMoving(undefined);
          setNotice(t('move.done'));
          void refetch();
        }}
        onConflict={() => {
          // The dialog held the version read; the reloaded week has the new one to retry against.
          setMoving(undefined);
          setNotice(t('move.conflict'));
          void refetch();
        }}
      />
      <AsyncView resource={requests} onRetry={refetch}>
        {(items) => (
          <div class="service-calendar" data-testid="service-calendar">
            <For each={weekDays(monday())}>
              {(day) => {
                const today = () =>
                  visits(items)
                    .filter(({ visit }) => onDay(visit.start, day))
                    .sort((a, b) => a.visit.start.localeCompare(b.visit.start));
                return (
                  // biome-ignore lint/a11y/noStaticElementInteractions: dropping is the pointer's shortcut; each visit's Move button (a dialog) is the keyboard's way.
                  <section
                    class="service-calendar__day card"
                    data-day={day.toISOString()}
                    onDragOver={(event) => {
                      if (dragged()) event.preventDefault();
                    }}
                    onDrop={(event) => {
                      event.preventDefault();
                      void dropOn(day, items);
                    }}
                  >
                    <h3>{format.date(day)}</h3>
                    <For each={today()} fallback={<p class="muted">{t('calendar.empty')}</p>}>
                      {({ request, visit }) => (
                        // biome-ignore lint/a11y/noStaticElementInteractions: dragging is the pointer's shortcut; the Move button beside it is the keyboard's way.
                        <div
                          class="service-calendar__visit"
                          data-visit={visit.id}
                          draggable="true"
                          onDragStart={(event) => {
                            event.dataTransfer?.setData('text/plain', visit.id);
                            setDragged({ requestId: request.id, visitId: visit.id });
                          }}
                          onDragEnd={() => setDragged(undefined)}
                        >
                          <A href={`/service/requests/${request.id}`}>
                            <strong>{new Date(visit.start).toTimeString().slice(0, 5)}</strong>{' '}
                            {request.summary}
                          </A>
                          <Show when={visit.notes}>{(notes) => <span class="muted"> · {notes()}</span>}</Show>{' '}
                          <Button
                            variant="secondary"
                            aria-label={t('calendar.moveVisit', { summary: request.summary })}
                            onClick={() => setMoving({ request, visit })}
                          >
                            {t('calendar.move')}
                          </Button>
                        </div>
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
