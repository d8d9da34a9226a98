export type { DomainErrorCode, FieldIssue } from './domain-error.js';
export { DomainError, domainErrorCodes } from './domain-error.js';
export type { EntityChange, Reaction } from './entity-change.js';
export { isUlid, newId, ULID_PATTERN } from './ids.js';
