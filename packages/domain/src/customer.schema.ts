import { z } from 'zod';
import { CustomerScoresSchema } from './analytics.schema.js';
import { CustomFieldNumberSchema } from './custom-field.schema.js';
import { IdSchema } from './ids.js';

/** Kinds of party a tenant keeps (DOMAIN.md §1): B2C consumers and the many kinds of organisation. */
export const customerKinds = ['consumer', 'business', 'distributor', 'agent', 'government', 'other'] as const;
export const CustomerKindSchema = z.enum(customerKinds).meta({
  id: 'CustomerKind',
  description:
    'consumer 个人客户 · business 企业客户 · distributor 经销商 · agent 代理 · government 政府 · other 其他',
});
export type CustomerKind = z.infer<typeof CustomerKindSchema>;

export const customerStatuses = ['prospect', 'active', 'dormant', 'lost'] as const;
export const CustomerStatusSchema = z.enum(customerStatuses).meta({
  id: 'CustomerStatus',
  description: 'prospect 潜在 · active 活跃 · dormant 休眠 · lost 流失',
});
export type CustomerStatus = z.infer<typeof CustomerStatusSchema>;

/** 客户生命周期 (DOMAIN.md §4). */
export const lifecycleStages = ['identification', 'development', 'stability', 'decline'] as const;
export const LifecycleStageSchema = z.enum(lifecycleStages).meta({
  id: 'LifecycleStage',
  description: 'identification 识别期 · development 发展期 · stability 稳定期 · decline 衰退期',
});
export type LifecycleStage = z.infer<typeof LifecycleStageSchema>;

/** Kotler's relationship levels (客户关系类型, DOMAIN.md §4). */
export const relationshipLevels = ['basic', 'reactive', 'accountable', 'proactive', 'partnership'] as const;
export const RelationshipLevelSchema = z.enum(relationshipLevels).meta({
  id: 'RelationshipLevel',
  description: 'basic 基本型 · reactive 被动型 · accountable 负责型 · proactive 能动型 · partnership 伙伴型',
});
export type RelationshipLevel = z.infer<typeof RelationshipLevelSchema>;

export const companySizes = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;

export const AddressSchema = z
  .strictObject({
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1).max(100),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    country: z
      .string()
      .max(2)
      .regex(/^[A-Z]{2}$/, 'must be an ISO-3166 alpha-2 code, e.g. CN'),
  })
  .meta({ id: 'Address' });

export const PhoneSchema = z
  .string()
  .trim()
  .max(26, 'must be at most 26 characters')
  .regex(
    /^\+?[0-9][0-9 ()-]{4,24}$/,
    'must be a phone number of digits, spaces, (), - and an optional leading +',
  );

export const TagSchema = z.string().trim().min(1, 'must not be empty').max(40);

/** Calendar date, no time: birthdays and due dates. */
export const CalendarDateSchema = z.iso.date('must be a date YYYY-MM-DD').max(10);

/** Values of admin-defined fields (数据字段定制); validated against the tenant's definitions. */
export const CustomFieldValuesSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'custom field keys are lower_snake_case'),
  z.union([z.string().max(2000), CustomFieldNumberSchema, z.boolean(), z.null()]),
);

/** What a user may write. Computed fields (stats, scores) and bookkeeping are never accepted. */
const writableFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  kind: CustomerKindSchema,
  status: CustomerStatusSchema,
  ownerId: IdSchema,
  tags: z
    .array(TagSchema)
    .max(30)
    .refine((tags) => new Set(tags).size === tags.length, 'must not repeat'),
  lifecycleStage: LifecycleStageSchema,
  relationshipLevel: RelationshipLevelSchema,
  parentId: IdSchema,
  address: AddressSchema,
  phone: PhoneSchema,
  email: z.email('must be a valid e-mail address').max(254),
  industry: z.string().trim().min(1).max(100),
  size: z.enum(companySizes),
  birthday: CalendarDateSchema,
  customFields: CustomFieldValuesSchema,
  /** Agreed to marketing messages (营销许可): false = refused or unsubscribed; campaigns skip them. */
  marketingConsent: z.boolean(),
};

export const CustomerCreateSchema = z
  .strictObject({
    ...writableFields,
    status: writableFields.status.default('prospect'),
    tags: writableFields.tags.default([]),
    customFields: writableFields.customFields.default({}),
    ownerId: writableFields.ownerId.optional(),
    lifecycleStage: writableFields.lifecycleStage.optional(),
    relationshipLevel: writableFields.relationshipLevel.optional(),
    parentId: writableFields.parentId.optional(),
    address: writableFields.address.optional(),
    phone: writableFields.phone.optional(),
    email: writableFields.email.optional(),
    industry: writableFields.industry.optional(),
    size: writableFields.size.optional(),
    birthday: writableFields.birthday.optional(),
    marketingConsent: writableFields.marketingConsent.optional(),
  })
  .meta({ id: 'CustomerCreate' });
export type CustomerCreate = z.infer<typeof CustomerCreateSchema>;

/** A patch: any writable field; `null` clears an optional one. `version` is the precondition. */
export const CustomerPatchSchema = z
  .strictObject({
    name: writableFields.name.optional(),
    kind: writableFields.kind.optional(),
    status: writableFields.status.optional(),
    tags: writableFields.tags.optional(),
    customFields: writableFields.customFields.optional(),
    ownerId: writableFields.ownerId.nullable().optional(),
    lifecycleStage: writableFields.lifecycleStage.nullable().optional(),
    relationshipLevel: writableFields.relationshipLevel.nullable().optional(),
    parentId: writableFields.parentId.nullable().optional(),
    address: writableFields.address.nullable().optional(),
    phone: writableFields.phone.nullable().optional(),
    email: writableFields.email.nullable().optional(),
    industry: writableFields.industry.nullable().optional(),
    size: writableFields.size.nullable().optional(),
    birthday: writableFields.birthday.nullable().optional(),
    marketingConsent: writableFields.marketingConsent.nullable().optional(),
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'CustomerPatch' });
export type CustomerPatch = z.infer<typeof CustomerPatchSchema>;

/** Figures the system keeps from the customer's interactions; read-only. */
export const CustomerStatsSchema = z
  .object({
    interactionCount: z.number().int(),
    orderCount: z.number().int(),
    /** Sum of order amounts in the tenant's default currency, minor units. */
    orderValue: z.number().int(),
    /** Order sums per currency, minor units. */
    orderValueByCurrency: z.record(z.string(), z.number().int()),
    paymentValue: z.number().int(),
    firstOrderAt: z.string().optional(),
    lastOrderAt: z.string().optional(),
    lastInteractionAt: z.string().optional(),
  })
  .meta({ id: 'CustomerStats' });
export type CustomerStats = z.infer<typeof CustomerStatsSchema>;

export const CustomerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: CustomerKindSchema,
    status: CustomerStatusSchema,
    tags: z.array(z.string()),
    customFields: z.record(z.string(), z.unknown()),
    ownerId: z.string().optional(),
    lifecycleStage: LifecycleStageSchema.optional(),
    relationshipLevel: RelationshipLevelSchema.optional(),
    parentId: z.string().optional(),
    address: AddressSchema.optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    industry: z.string().optional(),
    size: z.enum(companySizes).optional(),
    birthday: z.string().optional(),
    /** Marketing consent (营销许可): true given, false refused or unsubscribed, absent unknown. */
    marketingConsent: z.boolean().optional(),
    /** When the customer last unsubscribed through a campaign's link (then `marketingConsent` is false). */
    unsubscribedAt: z.string().optional(),
    /** Set when archived (deleted); archived customers are restorable. */
    archivedAt: z.string().optional(),
    /** The id this customer has in the system it was imported from. */
    externalId: z.string().optional(),
    /** The import that created this customer, if one did. */
    importId: z.string().optional(),
    stats: CustomerStatsSchema,
    /**
     * The analytics model's view of the customer, written by each refit and by the scores reaction
     * after an order or payment; absent until the tenant's first successful fit scores it.
     */
    scores: CustomerScoresSchema.optional(),
    /** The member tier (会员等级) the tenant's programme gave the customer; absent: the lowest. */
    memberTier: z.string().optional(),
    memberTierSince: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    /** Who made the latest change (the history reaction records it). */
    updatedBy: z.string().optional(),
    /**
     * The partner organisation (经销商) through which `updatedBy` made the latest change, when a
     * dealer's user made it: the history names the organisation beside the person.
     */
    updatedByOrganisationId: z.string().optional(),
    version: z.number().int(),
  })
  .meta({
    id: 'Customer',
    description:
      'The 360° customer profile (360度客户视图). Exactly these fields: storage bookkeeping (keys, index attributes, the figures revision) never leaves the table.',
  });
export type Customer = z.infer<typeof CustomerSchema>;

export function emptyCustomerStats(): CustomerStats {
  return { interactionCount: 0, orderCount: 0, orderValue: 0, orderValueByCurrency: {}, paymentValue: 0 };
}
