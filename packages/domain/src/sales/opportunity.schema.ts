import { z } from 'zod';
import { CalendarDateSchema } from '../customer.schema.js';
import { IdSchema, idSchema } from '../ids.js';
import { CurrencyCode, NonNegativeMinorAmount } from '../money.schema.js';
import { SalesKeySchema } from './pipeline.schema.js';

export const opportunityStatuses = ['open', 'won', 'lost'] as const;
export const OpportunityStatusSchema = z.enum(opportunityStatuses).meta({ id: 'OpportunityStatus' });
export type OpportunityStatus = z.infer<typeof OpportunityStatusSchema>;

/** Why a deal was lost (竞争丢单 analysis groups by these). */
export const lostReasons = [
  'price',
  'competitor',
  'no_budget',
  'no_decision',
  'timing',
  'product_fit',
  'relationship',
  'other',
] as const;
export const LostReasonSchema = z.enum(lostReasons).meta({ id: 'LostReason' });
export type LostReason = z.infer<typeof LostReasonSchema>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Competitors = z
  .array(Text(100))
  .max(20)
  .refine((names) => new Set(names).size === names.length, 'must not repeat');

export const NextActivitySchema = z
  .strictObject({
    /** The day it is planned for. */
    on: CalendarDateSchema,
    note: Text(500),
  })
  .meta({ id: 'NextActivity' });
export type NextActivity = z.infer<typeof NextActivitySchema>;

/** The deal part of a conversion, and of a new opportunity. */
export const OpportunityDraftSchema = z
  .strictObject({
    name: Text(200),
    amount: NonNegativeMinorAmount,
    currency: CurrencyCode,
    expectedCloseDate: CalendarDateSchema.optional(),
    /** A pipeline key; the default pipeline (the first) when absent. */
    pipeline: SalesKeySchema.optional(),
    /** A stage key of the pipeline; its first stage when absent. */
    stage: SalesKeySchema.optional(),
    competitors: Competitors.optional(),
    nextActivity: NextActivitySchema.optional(),
    /** Defaults to the lead’s owner on conversion, else the user creating it. */
    ownerId: IdSchema.optional(),
  })
  .meta({ id: 'OpportunityDraft' });
export type OpportunityDraft = z.infer<typeof OpportunityDraftSchema>;

export const OpportunityCreateSchema = OpportunityDraftSchema.extend({
  customerId: idSchema('a customer id'),
}).meta({ id: 'OpportunityCreate' });
export type OpportunityCreate = z.infer<typeof OpportunityCreateSchema>;

export const OpportunityPatchSchema = z
  .strictObject({
    name: Text(200).optional(),
    amount: NonNegativeMinorAmount.optional(),
    currency: CurrencyCode.optional(),
    expectedCloseDate: CalendarDateSchema.nullable().optional(),
    /** Moves the deal to this stage of its pipeline (open deals only). */
    stage: SalesKeySchema.optional(),
    competitors: Competitors.optional(),
    nextActivity: NextActivitySchema.nullable().optional(),
    ownerId: IdSchema.nullable().optional(),
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'OpportunityPatch' });
export type OpportunityPatch = z.infer<typeof OpportunityPatchSchema>;

export const OpportunityLoseSchema = z
  .strictObject({
    reason: LostReasonSchema,
    competitor: Text(100).optional(),
    note: z.string().trim().max(2000).optional(),
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'OpportunityLose' });
export type OpportunityLose = z.infer<typeof OpportunityLoseSchema>;

export const OpportunityWinSchema = z
  .strictObject({
    note: z.string().trim().max(2000).optional(),
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'OpportunityWin' });
export type OpportunityWin = z.infer<typeof OpportunityWinSchema>;

/** One visit of a stage: when the deal entered it, when it left (null while there) and who moved it. */
export const StageVisitSchema = z
  .object({
    stage: z.string(),
    enteredAt: z.string(),
    leftAt: z.string().nullable(),
    by: z.string(),
  })
  .meta({ id: 'StageVisit' });
export type StageVisit = z.infer<typeof StageVisitSchema>;

export const OpportunitySchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    /** The lead it was converted from, if any. */
    leadId: z.string().nullable(),
    name: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    expectedCloseDate: z.string().nullable(),
    pipeline: z.string(),
    stage: z.string(),
    stageEnteredAt: z.string(),
    /** Every stage visit, oldest first; the last one is the current stage while the deal is open. */
    stageHistory: z.array(StageVisitSchema),
    competitors: z.array(z.string()),
    nextActivity: NextActivitySchema.nullable(),
    /** The last time anyone worked the deal (created, moved, edited): what rotting counts from. */
    lastActivityAt: z.string(),
    status: OpportunityStatusSchema,
    ownerId: z.string().nullable(),
    // Inline, not the `LostReason` component: a nullable reference would make the lose request's reason nullable too in the document.
    lostReason: z.enum(lostReasons).nullable(),
    lostCompetitor: z.string().nullable(),
    closeNote: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Opportunity' });
export type Opportunity = z.infer<typeof OpportunitySchema>;

/** An opportunity as the API answers it: whether it is rotting now. */
export const OpportunityViewSchema = OpportunitySchema.extend({
  rotting: z.boolean(),
}).meta({ id: 'OpportunityView' });
export type OpportunityView = z.infer<typeof OpportunityViewSchema>;
