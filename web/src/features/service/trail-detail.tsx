import { Show } from 'solid-js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { AssigneeLabel } from './assignee-label.js';
import { serviceMessages } from './messages.js';
import type { ServiceAssignee, ServiceDirectory } from './service-directory.js';

type Message = Parameters<ReturnType<typeof useMessages<typeof serviceMessages>>>[0];

const INSTANTS = new Set(['scheduledStart', 'scheduledEnd', 'start', 'end', 'fromStart', 'fromEnd']);
/** Ids the trail keeps for the record: the page already shows what they name. */
const HIDDEN = new Set(['visitId', 'planId']);

/** The trail keeps an assignee flat, as `kind:id` (packages/domain service-request-transitions). */
function assigneeOf(value: string): ServiceAssignee | null {
  const [kind, id] = value.split(':');
  if (!id) return null;
  if (kind === 'team') return { kind: 'team', departmentId: id };
  if (kind === 'partner') return { kind: 'partner', userId: id };
  return { kind: 'user', userId: id };
}

/** One detail of a trail entry, said the way the rest of the page says it: dates, names, labels. */
export function TrailDetail(props: {
  name: string;
  value: string | number | boolean;
  directory: ServiceDirectory;
}) {
  const t = useMessages(serviceMessages);
  const labelled = useLabelled();
  const format = useFormat();
  const label = () => t(`field.${props.name}` as Message);
  const text = () => {
    const value = props.value;
    if (typeof value !== 'string') return String(value);
    if (INSTANTS.has(props.name)) return format.date(value, true);
    if (props.name === 'priority' || props.name === 'category' || props.name === 'method') {
      const key = (props.name === 'method' ? `field.method.${value}` : `${props.name}.${value}`) as Message;
      return t(key);
    }
    return value;
  };
  return (
    <Show when={!HIDDEN.has(props.name)}>
      <p class="muted">
        {labelled(label())}
        <Show when={props.name === 'assignee'} fallback={text()}>
          <AssigneeLabel assignee={assigneeOf(String(props.value))} directory={props.directory} />
        </Show>
      </p>
    </Show>
  );
}
