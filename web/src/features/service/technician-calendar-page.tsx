import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { serviceMessages } from './messages.js';
import { useServiceDirectory } from './service-directory.js';
import { ServiceNav } from './service-nav.js';
import { onDay, weekDays, weekStart } from './week.js';
import './service.css';

/** A technician's week (技术员日程): the visits of the requests dispatched to them or their team. */
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
                  <section class="service-calendar__day card">
                    <h3>{format.date(day)}</h3>
                    <For each={today()} fallback={<p class="muted">{t('calendar.empty')}</p>}>
                      {({ request, visit }) => (
                        <A
                          class="service-calendar__visit"
                          href={`/service/requests/${request.id}`}
                          data-visit={visit.id}
                        >
                          <strong>{new Date(visit.start).toTimeString().slice(0, 5)}</strong>{' '}
                          {request.summary}
                          <Show when={visit.notes}>{(notes) => <span class="muted"> · {notes()}</span>}</Show>
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
