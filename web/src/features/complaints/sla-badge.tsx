import { Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { complaintMessages } from './messages.js';
import './sla-badge.css';

type Complaint = components['schemas']['ComplaintView'];

/**
 * The step's SLA at a glance: overdue (red), or when it falls due; nothing once closed. A service
 * request carries the same two fields and shows the same badge on the service board.
 */
export function SlaBadge(props: { complaint: Pick<Complaint, 'overdue' | 'stepDueAt'> }) {
  const t = useMessages(complaintMessages);
  const format = useFormat();
  return (
    <Show
      when={!props.complaint.overdue}
      fallback={
        <span class="badge sla-badge--overdue" data-sla="overdue">
          {t('sla.overdue')}
        </span>
      }
    >
      <Show when={props.complaint.stepDueAt}>
        {(due) => (
          <span class="badge badge--muted" data-sla="due">
            {t('sla.due', { date: format.date(due(), true) })}
          </span>
        )}
      </Show>
    </Show>
  );
}
