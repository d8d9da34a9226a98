import { z } from 'zod';
import { idSchema } from './ids.js';

/**
 * A channel partner organisation (经销商, DOMAIN.md §2): a dealer with several users, one of whom
 * may be its admin (invites and disables the organisation's own users). Customers are shared with
 * the organisation as a whole; disabling it stops every share it holds at the next request.
 */
export const partnerOrganisationStatuses = ['active', 'disabled'] as const;

export const PartnerOrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(partnerOrganisationStatuses),
    /** The partner user who manages the organisation's own users; null until one is named. */
    adminUserId: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'PartnerOrganisation' });
export type PartnerOrganisation = z.infer<typeof PartnerOrganisationSchema>;

const NameSchema = z.string().trim().min(1, 'must not be empty').max(120);

export const PartnerOrganisationCreateSchema = z
  .strictObject({ name: NameSchema })
  .meta({ id: 'PartnerOrganisationCreate' });
export type PartnerOrganisationCreate = z.infer<typeof PartnerOrganisationCreateSchema>;

export const PartnerOrganisationPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    status: z.enum(partnerOrganisationStatuses).optional(),
    /** A partner user of this organisation, or null to name none. */
    adminUserId: idSchema('a user id').nullable().optional(),
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .meta({ id: 'PartnerOrganisationPatch' });
export type PartnerOrganisationPatch = z.infer<typeof PartnerOrganisationPatchSchema>;

/** Moving a partner user to another organisation of the tenant (an admin's action). */
export const PartnerUserMoveSchema = z
  .strictObject({
    toOrganisationId: idSchema('a partner organisation id'),
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .meta({ id: 'PartnerUserMove' });
export type PartnerUserMove = z.infer<typeof PartnerUserMoveSchema>;
