import { A } from '@solidjs/router';
import { createResource, type JSX, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { KpiValue } from '../../lib/ui/kpi-value.js';
import { Card } from '../../lib/ui/page.js';
import { creditTileMessages } from './credit-tile-messages.js';

function Figure(props: { label: string; value: string; hint?: string; link: JSX.Element; name: string }) {
  return (
    <Card class="kpi">
      <p class="kpi__label">{props.label}</p>
      <KpiValue value={props.value} name={props.name} />
      <Show when={props.hint}>
        <p class="kpi__hint">{props.hint}</p>
      </Show>
      <p class="kpi__hint">{props.link}</p>
    </Card>
  );
}

/**
 * Holds, overdue receivables and the value of valuable customers drifting away (issue 11), each
 * linked to where it is worked on. Shown whether or not the analytics model has run.
 */
export function CreditTile() {
  const t = useMessages(creditTileMessages);
  const api = useApi();
  const format = useFormat();
  const [overview, { refetch }] = createResource(() => unwrap(api.GET('/v1/credit/overview')));
  const atLeast = (capped: boolean, text: string) => (capped ? `${t('capped')} ${text}` : text);
  return (
    <section aria-label={t('title')} class="credit-tile">
      <AsyncView resource={overview} onRetry={() => void refetch()}>
        {(figures) => (
          <div class="kpis">
            <Figure
              name="holds"
              label={t('holds')}
              value={atLeast(figures.holds.capped, format.number(figures.holds.count))}
              link={<A href="/credit/holds">{t('holdsLink')}</A>}
            />
            <Figure
              name="overdue"
              label={t('overdue')}
              value={atLeast(figures.overdue.capped, format.money(figures.overdue.amount, figures.currency))}
              hint={t('overdueHint', { customers: format.number(figures.overdue.customers) })}
              link={<A href="/credit/holds">{t('overdueLink')}</A>}
            />
            <Figure
              name="atRisk"
              label={t('atRisk')}
              value={atLeast(figures.atRisk.capped, format.estimate(figures.atRisk.value, figures.currency))}
              hint={t('atRiskHint', { customers: format.number(figures.atRisk.customers) })}
              link={<A href="/alerts?type=churn">{t('atRiskLink')}</A>}
            />
          </div>
        )}
      </AsyncView>
    </section>
  );
}
