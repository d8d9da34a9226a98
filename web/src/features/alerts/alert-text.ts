import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { complaintMessages } from '../complaints/messages.js';
import { type CreditReason, useReasonText } from '../credit/credit-reasons.js';
import { serviceMessages } from '../service/messages.js';
import { alertsMessages } from './messages.js';

type Alert = components['schemas']['Alert'];
type AlertReason = components['schemas']['AlertReason'];

const numberOf = (figures: AlertReason['figures'], name: string) => {
  const value = figures?.[name];
  return typeof value === 'number' ? value : 0;
};

/** An alert's reasons as sentences: credit reasons as the credit panel words them, churn ones here. */
export function useAlertReasonText() {
  const t = useMessages(alertsMessages);
  const format = useFormat();
  const creditText = useReasonText();
  const complaintText = useMessages(complaintMessages);
  const serviceText = useMessages(serviceMessages);
  return (alert: Alert, reason: AlertReason): string => {
    if (alert.type === 'credit') return creditText({ code: reason.code, ...reason.figures } as CreditReason);
    if (alert.type === 'webhook') {
      const url = String(reason.figures?.url ?? '');
      return t(reason.code === 'webhook.gone' ? 'reason.webhook.gone' : 'reason.webhook.failing', { url });
    }
    if (alert.type === 'complaint') {
      const figures = reason.figures ?? {};
      return t('reason.complaint.overdue', {
        summary: String(figures.summary ?? ''),
        step: complaintText(`step.${String(figures.step)}` as 'step.recorded'),
        dueAt: format.date(String(figures.dueAt ?? ''), true),
      });
    }
    if (alert.type === 'service') {
      const figures = reason.figures ?? {};
      return t('reason.service.overdue', {
        summary: String(figures.summary ?? ''),
        status: serviceText(`status.${String(figures.status)}` as 'status.received'),
        dueAt: format.date(String(figures.dueAt ?? ''), true),
      });
    }
    if (reason.code.endsWith('.p_alive')) {
      return t('reason.churn.p_alive', { pAlive: format.percent(numberOf(reason.figures, 'pAlive'), 0) });
    }
    return t('reason.churn.gap', {
      days: String(numberOf(reason.figures, 'daysSinceLastOrder')),
      gap: String(Math.round(numberOf(reason.figures, 'gapDays'))),
    });
  };
}
