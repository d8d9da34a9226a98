import { z } from 'zod';
import { CustomerStatusSchema, LifecycleStageSchema, TagSchema } from '../customer.schema.js';
import { idSchema } from '../ids.js';

/** Who has bought how often: none yet, a first-time buyer (新客户), or a returning one (老客户). */
export const buyerKinds = ['none', 'new', 'returning'] as const;
export const BuyerKindSchema = z.enum(buyerKinds).meta({
  id: 'BuyerKind',
  description: 'none 未购买 · new 新客户 (exactly one order) · returning 老客户 (two or more orders)',
});
export type BuyerKind = z.infer<typeof BuyerKindSchema>;

const range = (bounds: { min: number; max: number }, what: string) =>
  z
    .strictObject({
      min: z.number().min(bounds.min).max(bounds.max).optional(),
      max: z.number().min(bounds.min).max(bounds.max).optional(),
    })
    .refine((value) => value.min === undefined || value.max === undefined || value.min <= value.max, {
      message: `min must not exceed max (${what})`,
      path: ['min'],
    });

/**
 * A segment's filter: the customer list's own filters (GET /v1/customers: status, lifecycle stage,
 * tag, RFM segment, owner, one custom field) plus what the list cannot filter on yet (new vs
 * returning, value class, P(alive) and CLV ranges). Every condition given must hold (AND); a list
 * inside one condition is any-of. Archived customers are never members.
 */
export const SegmentFilterSchema = z
  .strictObject({
    buyers: BuyerKindSchema.optional(),
    /** Active / dormant (客户状态: 活跃 / 休眠 / 流失), any of. */
    status: z.array(CustomerStatusSchema).min(1).max(4).optional(),
    lifecycleStage: z.array(LifecycleStageSchema).min(1).max(4).optional(),
    /** ABC value class (ABC 分类), any of. */
    abcClass: z
      .array(z.enum(['A', 'B', 'C']))
      .min(1)
      .max(3)
      .optional(),
    /** RFM segment names as the analytics model writes them (scores.segment), any of. */
    segment: z.array(z.string().trim().min(1).max(40)).min(1).max(20).optional(),
    /** P(alive) in [min, max], 0–1; customers not scored yet do not match a range. */
    pAlive: range({ min: 0, max: 1 }, 'P(alive)').optional(),
    /** 12-month CLV in minor units in [min, max]; customers without a CLV do not match. */
    clv: range({ min: 0, max: Number.MAX_SAFE_INTEGER }, 'CLV').optional(),
    /** Every one of these tags. */
    tags: z.array(TagSchema).min(1).max(10).optional(),
    ownerId: idSchema('a user id').optional(),
    /** One admin-defined field equal to a value (read as the field's type, as the list's `customField`). */
    customField: z
      .strictObject({
        key: z
          .string()
          .max(40)
          .regex(/^[a-z][a-z0-9_]{0,39}$/, 'custom field keys are lower_snake_case'),
        value: z.union([z.string().min(1).max(200), z.number(), z.boolean()]),
      })
      .optional(),
  })
  .meta({ id: 'SegmentFilter' });
export type SegmentFilter = z.infer<typeof SegmentFilterSchema>;

export const SegmentInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(100),
    description: z.string().trim().max(500).optional(),
    filter: SegmentFilterSchema,
  })
  .meta({ id: 'SegmentInput' });
export type SegmentInput = z.infer<typeof SegmentInputSchema>;

export const SegmentPatchSchema = z
  .strictObject({
    name: SegmentInputSchema.shape.name.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    filter: SegmentFilterSchema.optional(),
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'SegmentPatch' });
export type SegmentPatch = z.infer<typeof SegmentPatchSchema>;

/** A saved filter over the customer book (客户细分), counted live when read. */
export const SegmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    filter: SegmentFilterSchema,
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Segment' });
export type Segment = z.infer<typeof SegmentSchema>;

/**
 * How many live customers match. `capped`: the count stopped after `examined` customers (very
 * large books), so `count` is a lower bound. `source`: `live` when the customer items were read
 * for this answer, `snapshot` when a large book (2,000 customers or more) was counted from the
 * tenant's customer figures snapshot; `asOf` is the snapshot's instant (up to ~26 h ago: a customer
 * changed since counts from the next refresh), null for a live count (as of this request; null
 * keeps a read of unchanged data identical).
 */
export const SegmentCountSchema = z
  .object({
    count: z.number().int(),
    examined: z.number().int(),
    capped: z.boolean(),
    source: z.enum(['live', 'snapshot']),
    asOf: z.string().nullable(),
  })
  .meta({ id: 'SegmentCount' });
export type SegmentCount = z.infer<typeof SegmentCountSchema>;
