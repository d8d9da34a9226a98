export type { DomainErrorCode, FieldIssue } from './domain-error.js';
export { DomainError, domainErrorCodes } from './domain-error.js';
export type { EntityChange, Reaction } from './entity-change.js';
export { isUlid, newId, ULID_PATTERN } from './ids.js';
export type { Locale, Tenant, TenantSettings } from './tenant.schema.js';
export {
  LocaleSchema,
  locales,
  TenantNameSchema,
  TenantSchema,
  TenantSettingsPatchSchema,
  TenantSettingsSchema,
} from './tenant.schema.js';
export type { Role, User, UserStatus } from './user.schema.js';
export {
  canAssignRole,
  EmailSchema,
  isAdmin,
  PasswordSchema,
  RoleSchema,
  roles,
  UserSchema,
  UserStatusSchema,
  userStatuses,
} from './user.schema.js';
