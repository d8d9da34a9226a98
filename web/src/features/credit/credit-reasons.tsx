import { For, Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { creditMessages } from './messages.js';

export type CreditReason = components['schemas']['CreditReason'];

/** One reason as a sentence with its figures, in the user's language and the tenant's money. */
export function useReasonText() {
  const t = useMessages(creditMessages);
  const format = useFormat();
  return (reason: CreditReason): string => {
    switch (reason.code) {
      case 'over_limit':
        return t('reason.over_limit', {
          exposure: format.money(reason.exposure),
          limit: format.money(reason.limit),
        });
      case 'overdue_amount':
        return t('reason.overdue_amount', {
          overdue: format.money(reason.overdue),
          threshold: format.money(reason.threshold),
        });
      case 'days_overdue':
        return t('reason.days_overdue', { days: String(reason.days), threshold: String(reason.threshold) });
      case 'near_limit':
        return t('reason.near_limit', {
          exposure: format.money(reason.exposure),
          limit: format.money(reason.limit),
          share: format.percent(reason.utilisation, 0),
        });
      case 'overdue':
        return t('reason.overdue', { overdue: format.money(reason.overdue), days: String(reason.days) });
    }
  };
}

export function CreditReasons(props: { reasons: readonly CreditReason[] }) {
  const t = useMessages(creditMessages);
  const text = useReasonText();
  return (
    <Show when={props.reasons.length > 0} fallback={<p class="muted">{t('reasons.none')}</p>}>
      <ul class="credit-reasons">
        <For each={props.reasons}>{(reason) => <li data-reason={reason.code}>{text(reason)}</li>}</For>
      </ul>
    </Show>
  );
}

export function CreditStatusBadge(props: { status: 'ok' | 'watch' | 'hold' }) {
  const t = useMessages(creditMessages);
  return (
    <span class={`badge credit-status credit-status--${props.status}`} data-credit-status={props.status}>
      {t(`status.${props.status}`)}
    </span>
  );
}
