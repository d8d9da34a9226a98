import { z } from 'zod';
import { LocaleSchema } from './tenant.schema.js';

/**
 * owner: created the tenant, can do everything including handing over ownership.
 * admin: manages users, roles, settings, API keys.
 * member: works the customer book.
 * partner: a dealer / channel partner (经销商) that sees only customers shared with it (按权限共享).
 */
export const roles = ['owner', 'admin', 'member', 'partner'] as const;
export const RoleSchema = z.enum(roles).meta({ id: 'Role' });
export type Role = z.infer<typeof RoleSchema>;

export const userStatuses = ['active', 'invited', 'disabled'] as const;
export const UserStatusSchema = z.enum(userStatuses);
export type UserStatus = z.infer<typeof UserStatusSchema>;

export const EmailSchema = z
  .email('must be a valid e-mail address')
  .max(254)
  .transform((email) => email.trim().toLowerCase());

// NIST SP 800-63B: length, not composition. The common-password list is checked by the auth
// service (packages/app/src/auth/password-policy.ts), so the SPA bundle does not carry it.
export const PasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters')
  .refine((password) => password.trim().length > 0, 'must not be only spaces');

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    status: UserStatusSchema,
    locale: LocaleSchema,
    /** A partner user's organisation (经销商), when it belongs to one. */
    organisationId: z.string().optional(),
    /** A partner user's moves between organisations, oldest first (who moved it, when, from where). */
    organisationMoves: z
      .array(z.object({ from: z.string(), to: z.string(), at: z.string(), by: z.string() }))
      .optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

/** Who may give which role: nobody but an owner creates another owner. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  if (actor === 'admin') return target !== 'owner';
  return false;
}

/** Only the owner takes the tenant's data away or deletes the tenant (data rights). */
export function isOwner(role: Role): boolean {
  return role === 'owner';
}

export function isAdmin(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}
