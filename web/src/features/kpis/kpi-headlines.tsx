import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { LoadingState } from '../../lib/ui/states.js';
import { KpiCardGrid, useKpiCards } from './kpi-cards.js';
import { kpiMessages } from './messages.js';

/** The headline figures the dashboard shows (the last 90 days), linking to the KPI page. */
const HEADLINES = ['retention', 'acquisition', 'csat', 'winRate'];

export function KpiHeadlines() {
  const t = useMessages(kpiMessages);
  const api = useApi();
  const cards = useKpiCards();
  // A failure here must not take the dashboard down: the headlines are left out instead.
  const [kpis] = createResource(() => unwrap(api.GET('/v1/kpis')).catch(() => null));
  // Its state, not its value, decides what shows: reading a pending resource would suspend the
  // enclosing boundary, and the rest of the dashboard must not wait for the figures (the first
  // request of a day reads every customer: docs/kpis.md).
  const ready = () => (kpis.state === 'ready' || kpis.state === 'refreshing' ? kpis.latest : undefined);
  return (
    <Show when={kpis.state === 'pending' || ready()}>
      <section class="kpi-headlines" aria-label={t('headline.title')} aria-busy={kpis.state === 'pending'}>
        <h2>{t('headline.title')}</h2>
        <Show when={ready()} fallback={<LoadingState />}>
          {(data) => <KpiCardGrid cards={cards(data()).filter((card) => HEADLINES.includes(card.key))} />}
        </Show>
        <p class="kpi-headlines__more">
          <A href="/kpis">{t('headline.more')}</A>
        </p>
      </section>
    </Show>
  );
}
