import { z } from 'zod';
import { IdSchema } from '../ids.js';

/**
 * The care reminders (关怀提醒, DOMAIN.md §9, the rice seller 王永庆卖米) a customer's owner gets:
 * `reorder` a few days before the customer is expected to buy again, `collect_payment` (催付) when
 * a receivable becomes overdue, `birthday` (生日祝福) and `anniversary` from the customer's dates;
 * `workflow` when an admin's workflow creates one (its title in `details.title`); `follow_up` when a
 * person writes one down themselves (回访: call back on Friday), its title in `details.title` too;
 * `member_upgrade` when the member programme moved the customer up a tier (会员升级: thank them).
 */
export const taskKinds = [
  'reorder',
  'collect_payment',
  'birthday',
  'anniversary',
  'workflow',
  'follow_up',
  'member_upgrade',
] as const;
export type TaskKind = (typeof taskKinds)[number];
export const TaskKindSchema = z.enum(taskKinds);

export const taskStatuses = ['open', 'snoozed', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const TaskStatusSchema = z.enum(taskStatuses);

/**
 * One reminder for one customer. Its id is derived from the customer, the kind and what the task
 * is about (the due date, the receivable, the order cycle), so the nightly pass running twice or
 * a replayed stream record finds it instead of adding another.
 */
export const TaskSchema = z
  .object({
    id: z.string(),
    kind: TaskKindSchema,
    customerId: z.string(),
    customerName: z.string().nullable(),
    status: TaskStatusSchema,
    /** The day the reminder is about (YYYY-MM-DD): the expected re-order, the birthday, the day the payment fell overdue. */
    dueOn: z.string(),
    /** What else it concerns: the receivable (`collect_payment`), the custom field (`anniversary`). */
    ref: z.string().nullable(),
    /** The figures behind it, for the screens (amounts in minor units). */
    details: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    /** The customer's owner when created; reassignable. Null when the customer has no owner (the team's). */
    assigneeId: z.string().nullable(),
    snoozedUntil: z.string().nullable(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    /** What the person who completed it noted (the call went well, paid tomorrow). */
    note: z.string().nullable(),
    createdAt: z.string(),
    /** `system:tasks` for the nightly pass and the stream. */
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof TaskSchema>;

const version = z.number().int().min(1).max(1e9).optional();

/** A follow-up someone writes down for a customer: what to do, by which day, for whom. */
export const TaskCreateSchema = z
  .strictObject({
    customerId: IdSchema,
    title: z.string().trim().min(1, 'must not be empty').max(200),
    dueOn: z.iso.date({ message: 'must be a date, e.g. 2026-01-31' }).max(10),
    /** Who does it; the caller when left out. */
    assigneeId: IdSchema.optional(),
    /** More about it (what was promised, whom to ask for). */
    description: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'TaskCreate' });
export type TaskCreate = z.infer<typeof TaskCreateSchema>;

export const TaskCompleteSchema = z
  .strictObject({ note: z.string().trim().max(1000).optional(), version })
  .meta({ id: 'TaskComplete' });
export type TaskComplete = z.infer<typeof TaskCompleteSchema>;

export const TaskSnoozeSchema = z
  .strictObject({
    until: z.iso
      .datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-01-02T03:04:05Z' })
      .max(40),
    version,
  })
  .meta({ id: 'TaskSnooze' });
export type TaskSnooze = z.infer<typeof TaskSnoozeSchema>;

export const TaskReassignSchema = z
  .strictObject({ assigneeId: IdSchema, version })
  .meta({ id: 'TaskReassign' });
export type TaskReassign = z.infer<typeof TaskReassignSchema>;
