import { z } from 'zod';
import { idSchema } from '../ids.js';
import { ServiceCategorySchema, ServicePrioritySchema } from './service-request.schema.js';

/** How often a plan comes round: every `count` weeks or months. */
export const ServiceRecurrenceSchema = z
  .strictObject({
    count: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(52, 'must be at most 52'),
    unit: z.enum(['weeks', 'months']),
  })
  .meta({ id: 'ServiceRecurrence' });
export type ServiceRecurrence = z.infer<typeof ServiceRecurrenceSchema>;

/** ABC value classes (analytics): a plan may serve its customer only while in one of them. */
export const ServiceValueClassSchema = z.enum(['A', 'B', 'C']).meta({ id: 'ServiceValueClass' });
export type ServiceValueClass = z.infer<typeof ServiceValueClassSchema>;

const Day = z.iso.date('must be a date YYYY-MM-DD').max(10);

export const ServicePlanInputSchema = z
  .strictObject({
    /** The one customer served; or, instead, `abcClass`. */
    customerId: idSchema('a customer id').optional(),
    /**
     * Differentiated service by value for a whole class (e.g. quarterly visits for every A-class
     * customer): each occurrence serves every customer in the class that night, instead of one customer.
     */
    abcClass: ServiceValueClassSchema.optional(),
    title: z.string().trim().min(1, 'must not be empty').max(200),
    category: ServiceCategorySchema.default('maintenance'),
    priority: ServicePrioritySchema.default('normal'),
    every: ServiceRecurrenceSchema,
    /** The first occurrence; later ones fall every `every` after it. */
    startsOn: Day,
    /**
     * Differentiated service by value: only while the customer is in this ABC class (e.g. quarterly
     * visits for A-class customers); an occurrence that falls while it is not is skipped.
     */
    valueClass: ServiceValueClassSchema.nullable().default(null),
    active: z.boolean().default(true),
  })
  .superRefine((plan, context) => {
    if ((plan.customerId === undefined) === (plan.abcClass === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['customerId'],
        message: 'give one customer, or abcClass for every customer of a value class (not both)',
      });
    }
    if (plan.abcClass !== undefined && plan.valueClass !== null) {
      context.addIssue({
        code: 'custom',
        path: ['valueClass'],
        message: 'a plan for a whole class serves that class; leave valueClass out',
      });
    }
  })
  .meta({ id: 'ServicePlanInput' });
export type ServicePlanInput = z.output<typeof ServicePlanInputSchema>;

export const ServicePlanPatchSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    category: ServiceCategorySchema.optional(),
    priority: ServicePrioritySchema.optional(),
    every: ServiceRecurrenceSchema.optional(),
    valueClass: ServiceValueClassSchema.nullable().optional(),
    active: z.boolean().optional(),
    /** The version read (or If-Match); one of them is required. */
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'ServicePlanPatch' });
export type ServicePlanPatch = z.infer<typeof ServicePlanPatchSchema>;

export const ServicePlanSchema = z
  .object({
    id: z.string(),
    /** The customer served; null for a plan serving a whole value class (`abcClass`). */
    customerId: z.string().nullable(),
    /** The value class whose every customer is served; null for a plan of one customer. */
    abcClass: ServiceValueClassSchema.nullable(),
    title: z.string(),
    category: ServiceCategorySchema,
    priority: ServicePrioritySchema,
    every: ServiceRecurrenceSchema,
    startsOn: z.string(),
    valueClass: ServiceValueClassSchema.nullable(),
    active: z.boolean(),
    /** Occurrences passed so far (served or skipped): the next one is number `occurrences`. */
    occurrences: z.number().int(),
    /** The next occurrence's day; what the nightly run compares with today. */
    nextDueOn: z.string(),
    lastRequestId: z.string().nullable(),
    lastRunOn: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ServicePlan' });
export type ServicePlan = z.infer<typeof ServicePlanSchema>;

/**
 * Whether a plan's next occurrence serves a customer, as the nightly run would judge it tonight:
 * `scheduled`; `paused`; `skipped_class`, the plan serves only its `valueClass` and the customer is
 * in another class or none (the occurrence passes unserved); `skipped_archived`, the customer is
 * archived. One rule (`planStanding`) for the nightly run and the customer's 360°.
 */
export const PlanStandingSchema = z
  .enum(['scheduled', 'paused', 'skipped_class', 'skipped_archived'])
  .meta({ id: 'ServicePlanStanding' });
export type PlanStanding = z.infer<typeof PlanStandingSchema>;

/**
 * A plan on the tenant's list, with its `standing` by the same rule as the customer's 360°
 * (planStanding): a customer's own plan limited to a value class the customer is not in tonight is
 * `skipped_class`, its customer archived or gone `skipped_archived`; a plan for a whole class is
 * `scheduled` or `paused`. `customerClass` is the own plan's customer's ABC class tonight (null
 * for a class plan, an unclassed or archived customer), what a skipped plan is explained by.
 */
export const ServicePlanListItemSchema = ServicePlanSchema.extend({
  standing: PlanStandingSchema,
  customerClass: ServiceValueClassSchema.nullable(),
}).meta({ id: 'ServicePlanListItem' });
export type ServicePlanListItem = z.infer<typeof ServicePlanListItemSchema>;

/** A plan as it applies to one customer: its own, or one for the customer's whole value class. */
export const CustomerServicePlanSchema = z
  .object({
    plan: ServicePlanSchema,
    /** `customer`: the customer's own plan; `class`: a plan for every customer of its ABC class. */
    appliesBy: z.enum(['customer', 'class']),
    /** Whether its next occurrence serves this customer (see ServicePlanStanding). */
    standing: PlanStandingSchema,
    /**
     * When the plan next serves this customer; null unless `standing` is `scheduled` (paused, or an
     * occurrence the nightly run would pass unserved: the customer is outside the plan's value class,
     * or archived).
     */
    nextDueOn: z.string().nullable(),
  })
  .meta({ id: 'CustomerServicePlan' });
export type CustomerServicePlan = z.infer<typeof CustomerServicePlanSchema>;

export const CustomerServicePlansSchema = z
  .object({
    customerId: z.string(),
    /** The customer's ABC value class tonight (the analytics refit's), null before it has one or once archived. */
    abcClass: ServiceValueClassSchema.nullable(),
    /** Its own plans first, then its class's, each newest first. */
    items: z.array(CustomerServicePlanSchema).max(400),
  })
  .meta({ id: 'CustomerServicePlans' });
export type CustomerServicePlans = z.infer<typeof CustomerServicePlansSchema>;
