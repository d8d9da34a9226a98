import { createResource, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { alertsMessages } from './messages.js';
import './alerts.css';

/** Where the customer stands (活跃 / 风险 / 休眠 / 流失), why, and the suggested win-back step. */
export function ChurnStanding(props: { customerId: string }) {
  const t = useMessages(alertsMessages);
  const api = useApi();
  const format = useFormat();
  const [file, { refetch }] = createResource(
    () => props.customerId,
    (customerId) => unwrap(api.GET('/v1/customers/{customerId}/churn', { params: { path: { customerId } } })),
  );
  return (
    <section class="churn-standing" aria-labelledby="churn-heading">
      <h3 id="churn-heading">{t('churn.heading')}</h3>
      <AsyncView resource={file} onRetry={refetch}>
        {(current) => (
          <p>
            <span class={`badge churn-state--${current.state}`} data-churn-state={current.state}>
              {t(`churn.${current.state}`)}
            </span>{' '}
            <Show when={current.lastOrderAt} fallback={t('churn.noOrders')}>
              {t('churn.gap', {
                days: String(Math.round(current.daysSinceLastOrder ?? 0)),
                gap: String(Math.round(current.gapDays ?? 0)),
              })}
              <Show when={current.pAlive !== null}>
                {' '}
                {t('churn.pAlive', { pAlive: format.percent(current.pAlive ?? 0, 0) })}
              </Show>
              <Show when={current.suggestion}>
                {(step) => <> {t('churn.suggestion', { step: t(`suggestion.${step()}`) })}</>}
              </Show>
            </Show>
          </p>
        )}
      </AsyncView>
    </section>
  );
}
