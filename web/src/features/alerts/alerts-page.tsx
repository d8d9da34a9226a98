import { useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { createCursorList } from '../../lib/api/cursor-list.js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { CursorTable } from '../../lib/ui/cursor-table.js';
import { FilterSelect } from '../../lib/ui/filter-select.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { AlertSubject } from './alert-subject.js';
import { useAlertReasonText } from './alert-text.js';
import { alertsMessages } from './messages.js';
import '../../lib/ui/admin-screen.css';
import './alerts.css';

type Alert = components['schemas']['Alert'];
type AlertType = Alert['type'];
type AlertStatus = Alert['status'];
type Filters = { type: AlertType | ''; status: AlertStatus | ''; mine: boolean };

const types: AlertType[] = ['credit', 'churn', 'complaint', 'service', 'webhook'];
const statuses: AlertStatus[] = ['open', 'acknowledged', 'snoozed', 'resolved'];
const WEEK_MS = 7 * 86_400_000;

function filtersOf(search: { type?: string; status?: string; mine?: string }): Filters {
  const type = types.find((candidate) => candidate === search.type) ?? '';
  const status =
    search.status === 'all' ? '' : (statuses.find((candidate) => candidate === search.status) ?? 'open');
  return { type, status, mine: search.mine === '1' };
}

/** The alerts inbox: credit holds and churn risks, filtered by type, status and owner, with actions. */
export function AlertsPage() {
  const t = useMessages(alertsMessages);
  const api = useApi();
  const { session } = useAuth();
  const format = useFormat();
  const reasonText = useAlertReasonText();
  // The filters live in the address, so a link (the dashboard's tiles) opens the inbox filtered
  // and a reload or a shared link keeps what was chosen.
  const [search, setSearch] = useSearchParams<{ type?: string; status?: string; mine?: string }>();
  const filters = (): Filters => filtersOf(search);
  const alerts = createCursorList(filters, (current, after) =>
    unwrap(
      api.GET('/v1/alerts', {
        params: {
          query: {
            limit: 50,
            ...(current.type ? { type: current.type } : {}),
            ...(current.status ? { status: current.status } : {}),
            ...(current.mine && session()?.user.id ? { assignee: session()?.user.id } : {}),
            ...(after ? { cursor: after } : {}),
          },
        },
      }),
    ),
  );
  const replace = (next: Alert) => {
    // An alert that left the filtered status leaves the list.
    const status = filters().status;
    alerts.mutate((items) =>
      (items ?? []).flatMap((item) =>
        item.id !== next.id ? [item] : status && next.status !== status ? [] : [next],
      ),
    );
  };
  const act = async (alert: Alert, action: 'acknowledge' | 'resolve' | 'snooze') => {
    const params = { params: { path: { alertId: alert.id } } };
    const next =
      action === 'acknowledge'
        ? await unwrap(api.POST('/v1/alerts/{alertId}/acknowledge', params))
        : action === 'resolve'
          ? await unwrap(api.POST('/v1/alerts/{alertId}/resolve', params))
          : await unwrap(
              api.POST('/v1/alerts/{alertId}/snooze', {
                ...params,
                body: { until: new Date(Date.now() + WEEK_MS).toISOString() },
              }),
            );
    replace(next);
  };
  const update = (change: Partial<Filters>) => {
    const next = { ...filters(), ...change };
    setSearch({
      type: next.type || undefined,
      // Open is the default: an address without a status means open, "all" is said outright.
      status: next.status === 'open' ? undefined : next.status || 'all',
      mine: next.mine ? '1' : undefined,
    });
  };

  return (
    <Page title={t('title')} term="提醒" description={t('description')}>
      <div class="card alerts-filters">
        <FilterSelect
          label={t('filter.type')}
          all={t('filter.all')}
          options={types}
          optionLabel={(type) => t(`type.${type}`)}
          value={filters().type}
          onChange={(type) => update({ type })}
        />{' '}
        <FilterSelect
          label={t('filter.status')}
          all={t('filter.all')}
          options={statuses}
          optionLabel={(status) => t(`status.${status}`)}
          value={filters().status}
          onChange={(status) => update({ status })}
        />{' '}
        <label>
          <input
            type="checkbox"
            checked={filters().mine}
            onChange={(event) => update({ mine: event.currentTarget.checked })}
          />{' '}
          {t('filter.mine')}
        </label>
      </div>
      <CursorTable
        list={alerts}
        class="alerts-table"
        columns={[
          t('column.customer'),
          t('column.what'),
          t('column.suggestion'),
          t('column.raised'),
          t('column.status'),
          t('column.actions'),
        ]}
        empty={<EmptyState title={t('empty')} />}
        moreLabel={t('more')}
      >
        {(alert) => (
          <tr data-alert={alert.id}>
            <th scope="row">
              <AlertSubject alert={alert} />
            </th>
            <td>
              <strong>{t(`kind.${alert.kind}`)}</strong>
              <For each={alert.reasons}>{(reason) => <div>{reasonText(alert, reason)}</div>}</For>
            </td>
            <td>{alert.suggestion ? t(`suggestion.${alert.suggestion}` as 'suggestion.visit') : '—'}</td>
            <td>{format.date(alert.createdAt, true)}</td>
            <td>
              {t(`status.${alert.status}`)}
              <Show when={alert.status === 'snoozed' && alert.snoozedUntil}>
                {(until) => <> {t('snoozedUntil', { date: format.date(until()) })}</>}
              </Show>
            </td>
            <td>
              <div class="alerts-actions">
                <Show when={alert.status === 'open' || alert.status === 'snoozed'}>
                  <Button variant="secondary" onClick={() => act(alert, 'acknowledge')}>
                    {t('acknowledge')}
                  </Button>
                </Show>
                <Show when={alert.status !== 'resolved'}>
                  <Button variant="ghost" onClick={() => act(alert, 'snooze')}>
                    {t('snooze')}
                  </Button>
                  <Button variant="primary" onClick={() => act(alert, 'resolve')}>
                    {t('resolve')}
                  </Button>
                </Show>
              </div>
            </td>
          </tr>
        )}
      </CursorTable>
    </Page>
  );
}
