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

export const ShareGrantSchema = z
  .strictObject({
    fields: z
      .array(z.enum(shareableFields))
      .max(shareableFields.length)
      .refine((fields) => new Set(fields).size === fields.length, 'must not repeat'),
    /** The partner may record interactions (visits, orders…) on this customer. */
    canAddInteractions: z.boolean().default(false),
  })
  .meta({ id: 'ShareGrant' });
export type ShareGrant = z.infer<typeof ShareGrantSchema>;

export const ShareSchema = z
  .object({
    customerId: z.string(),
    partnerId: z.string(),
    fields: z.array(z.enum(shareableFields)),
    canAddInteractions: z.boolean(),
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
