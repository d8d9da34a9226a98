import { useMessages } from '../../lib/i18n/i18n-context.js';
import { serviceMessages } from './messages.js';
import type { ServiceAssignee, ServiceDirectory } from './service-directory.js';

/** Who a request is dispatched to: a technician by name, a team, or a partner. */
export function AssigneeLabel(props: { assignee: ServiceAssignee | null; directory: ServiceDirectory }) {
  const t = useMessages(serviceMessages);
  const text = () => {
    const assignee = props.assignee;
    if (!assignee) return t('assignee.none');
    if (assignee.kind === 'team')
      return t('assignee.team', { name: props.directory.teamName(assignee.departmentId) });
    if (assignee.kind === 'partner')
      return t('assignee.partner', { name: props.directory.userName(assignee.userId) });
    return props.directory.userName(assignee.userId);
  };
  return <span data-testid="assignee">{text()}</span>;
}
