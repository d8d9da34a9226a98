import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { tasksMessages } from './messages.js';

type Task = components['schemas']['Task'];

/** What a task is about, as a sentence from its kind and figures. */
export function useTaskText() {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  return (task: Task): string => {
    const figure = (name: string) => task.details[name];
    switch (task.kind) {
      case 'reorder':
        return t('what.reorder', { date: format.date(task.dueOn) });
      case 'collect_payment': {
        const open = figure('open');
        const currency = figure('currency');
        const due = figure('dueDate');
        return t('what.collect_payment', {
          open: format.money(
            typeof open === 'number' ? open : 0,
            typeof currency === 'string' ? currency : undefined,
          ),
          date: format.date(typeof due === 'string' ? due : task.dueOn),
        });
      }
      case 'birthday': {
        // A contact's birthday names the person; the customer's own does not need to.
        const name = figure('contactName');
        return typeof name === 'string'
          ? t('what.contactBirthday', { name, date: format.date(task.dueOn) })
          : t('what.birthday', { date: format.date(task.dueOn) });
      }
      case 'anniversary':
        return t('what.anniversary', { date: format.date(task.dueOn), field: task.ref ?? '' });
      case 'member_upgrade': {
        const tier = figure('tierName');
        return t('what.member_upgrade', { tier: typeof tier === 'string' ? tier : (task.ref ?? '') });
      }
      case 'workflow':
      case 'follow_up': {
        // A workflow's or a person's task says what it is in the title they gave it.
        const title = figure('title');
        return typeof title === 'string' ? title : '';
      }
    }
  };
}
