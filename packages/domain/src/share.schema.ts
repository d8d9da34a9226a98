import { z } from 'zod';
import type { Customer } from './customer.schema.js';

/**
 * What a channel partner (经销商) may see of a customer shared with it (按权限共享, DOMAIN.md §2):
 * the automaker's dealers read and write the central customer book within their permissions.
 */
export const shareableFields = [
  'kind',
  'status',
  'tags',
  'address',
  'phone',
  'email',
  'industry',
  'size',
  'birthday',
  'lifecycleStage',
  'relationshipLevel',
  'customFields',
  'stats',
  'interactions',
] as const;
export type ShareableField = (typeof shareableFields)[number];

/** read: the partner sees the shared fields; read-write: it may also change them. */
export const shareAccesses = ['read', 'read-write'] as const;
export type ShareAccess = (typeof shareAccesses)[number];

/** Who holds a share: one partner user, or a partner organisation (every active user of it). */
export const shareGrantees = ['user', 'organisation'] as const;
export type ShareGrantee = (typeof shareGrantees)[number];

export const ShareGrantSchema = z
  .strictObject({
    fields: z
      .array(z.enum(shareableFields))
      .max(shareableFields.length)
      .refine((fields) => new Set(fields).size === fields.length, 'must not repeat'),
    /** The partner may record interactions (visits, orders…) on this customer. */
    canAddInteractions: z.boolean().default(false),
    access: z.enum(shareAccesses).default('read'),
    /** The instant the share stops working by itself; absent for a share until revoked. */
    validUntil: z.iso
      .datetime({ offset: true, message: 'must be an ISO-8601 instant' })
      .max(40)
      .transform((instant) => new Date(instant).toISOString())
      .optional(),
  })
  .meta({ id: 'ShareGrant' });
export type ShareGrant = z.infer<typeof ShareGrantSchema>;

export const ShareSchema = z
  .object({
    /** Stable id of the share (events name it); shares granted before ids existed get `<partnerId>:<customerId>`. */
    id: z.string(),
    customerId: z.string(),
    /** The partner user's id, or the organisation's when `grantee` is `organisation`. */
    partnerId: z.string(),
    grantee: z.enum(shareGrantees),
    fields: z.array(z.enum(shareableFields)),
    canAddInteractions: z.boolean(),
    access: z.enum(shareAccesses),
    validUntil: z.string().nullable(),
    grantedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Share' });
export type Share = z.infer<typeof ShareSchema>;

/** Always visible to a partner holding a share: enough to recognise the customer. */
const ALWAYS = ['id', 'name', 'version', 'createdAt', 'updatedAt'] as const;

/**
 * The customer as the partner may see it: identity plus the granted fields, nothing else (not
 * even fields added to customers later, since this is an allow-list).
 */
export function projectForPartner(
  customer: Customer,
  share: Pick<Share, 'fields'>,
): Partial<Customer> & { id: string; name: string } {
  const visible: Record<string, unknown> = {};
  for (const field of [...ALWAYS, ...share.fields]) {
    if (field === 'interactions') continue;
    const value = (customer as Record<string, unknown>)[field];
    if (value !== undefined) visible[field] = value;
  }
  return visible as Partial<Customer> & { id: string; name: string };
}

/** Read before ids, access and expiry existed: a stored share as it reads today. */
export function normaliseShare(
  stored: Omit<Share, 'id' | 'grantee' | 'access' | 'validUntil'> & Partial<Share>,
): Share {
  return {
    ...stored,
    id: stored.id ?? `${stored.partnerId}:${stored.customerId}`,
    grantee: stored.grantee ?? 'user',
    access: stored.access ?? 'read',
    validUntil: stored.validUntil ?? null,
  };
}

/** A share works until revoked or until its expiry instant (exclusive). */
export function isShareLive(share: Pick<Share, 'validUntil'>, now: Date): boolean {
  return share.validUntil === null || Date.parse(share.validUntil) > now.getTime();
}

/** What a partner user may do with one customer: its own share and its organisation's, merged. */
export type PartnerGrant = {
  fields: ShareableField[];
  access: ShareAccess;
  canAddInteractions: boolean;
  /** The organisation whose share gave access, when one did (the history names it). */
  organisationId: string | null;
};

/**
 * The union of the live shares a partner holds on one customer (a user's own share and its
 * organisation's): the fields of either, read-write when either allows it. Undefined when none
 * is live, so the customer reads as absent.
 *
 * @example
 * mergeGrants([userShare, orgShare], now) // { fields: ['phone', 'email'], access: 'read-write', … }
 */
export function mergeGrants(shares: readonly Share[], now: Date): PartnerGrant | undefined {
  const live = shares.filter((share) => isShareLive(share, now));
  if (live.length === 0) return undefined;
  const fields = new Set<ShareableField>();
  for (const share of live) for (const field of share.fields) fields.add(field);
  const organisation = live.find((share) => share.grantee === 'organisation');
  return {
    fields: shareableFields.filter((field) => fields.has(field)),
    access: live.some((share) => share.access === 'read-write') ? 'read-write' : 'read',
    canAddInteractions: live.some((share) => share.canAddInteractions),
    organisationId: organisation ? organisation.partnerId : null,
  };
}

/** A partner's edit may touch only shared fields; these are the ones it asked for and may not. */
export function fieldsNotShared(grant: Pick<PartnerGrant, 'fields'>, patched: readonly string[]): string[] {
  const allowed = new Set<string>(grant.fields);
  return patched.filter((field) => !allowed.has(field));
}
