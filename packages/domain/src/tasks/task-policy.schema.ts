import { z } from 'zod';

/** Which care reminders a tenant wants, and how early (admin; versioned). */
export const TaskPolicySchema = z
  .strictObject({
    /** Each kind on or off; `collect_payment` follows credit control's overdue marks. */
    kinds: z.strictObject({
      reorder: z.boolean(),
      collect_payment: z.boolean(),
      birthday: z.boolean(),
      anniversary: z.boolean(),
    }),
    /** Days before the expected re-order at which the owner is reminded. */
    reorderLeadDays: z.number().int().min(0).max(60),
    /** Days before a birthday or anniversary at which the owner is reminded. */
    dateLeadDays: z.number().int().min(0).max(30),
    /** The customers' custom fields (of type date) that hold an anniversary (合作纪念日, founding day). */
    anniversaryFields: z
      .array(
        z
          .string()
          .max(40)
          .regex(/^[a-z][a-z0-9_]{0,39}$/, 'custom field keys are lower_snake_case'),
      )
      .max(10)
      .refine((fields) => new Set(fields).size === fields.length, 'must not repeat'),
  })
  .meta({ id: 'TaskPolicy' });
export type TaskPolicy = z.infer<typeof TaskPolicySchema>;

export const defaultTaskPolicy: TaskPolicy = {
  kinds: { reorder: true, collect_payment: true, birthday: true, anniversary: true },
  reorderLeadDays: 3,
  dateLeadDays: 3,
  anniversaryFields: [],
};
