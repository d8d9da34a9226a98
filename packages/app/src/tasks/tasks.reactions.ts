import { calendarDay, defaultTaskPolicy, type Reaction } from '@crm/domain';
import { sharedClientFactory, type TableClient, TaskRepository } from '@crm/dynamodb';
import { TaskService } from './tasks.service.js';

type OverdueReceivable = {
  id: string;
  customerId: string;
  overdueAt: string;
  dueDate: string;
  amount: number;
  paid: number;
  currency: string;
  source: string;
};

/**
 * 催付: when credit control marks a receivable overdue (the write behind `invoice.overdue`, from
 * the stream or the nightly credit pass), the customer's owner gets a `collect_payment` task.
 * Idempotent: the task's id comes from the customer and the receivable, so a redelivered record
 * finds the task already there. Every other receivable write (created, paid) costs no read.
 */
export function tasksReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const clock = deps.clock ?? (() => new Date());
  const tenantClient = sharedClientFactory(deps.table);
  const tasks = new TaskService({ tenantClient, clock });
  return {
    name: 'tasks',
    entityTypes: ['receivable'],
    async handle(change) {
      const after = change.after as OverdueReceivable | undefined;
      if (!after?.overdueAt || change.before?.overdueAt) return;
      // Paid in full in the same write: nothing left to collect.
      if (after.paid >= after.amount) return;
      const policy =
        (await new TaskRepository(tenantClient(change.tenantId), change.tenantId).getPolicy())?.policy ??
        defaultTaskPolicy;
      if (!policy.kinds.collect_payment) return;
      await tasks.raise(change.tenantId, {
        kind: 'collect_payment',
        customerId: after.customerId,
        dueOn: calendarDay(after.overdueAt),
        ref: after.id,
        key: after.id,
        details: {
          receivableId: after.id,
          source: after.source,
          dueDate: after.dueDate,
          amount: after.amount,
          open: after.amount - after.paid,
          currency: after.currency,
        },
      });
    },
  };
}
