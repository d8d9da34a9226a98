import type { FieldIssue } from './error-body.schema.js';

/**
 * Codes are stable API: clients branch on them. Only the HTTP edge maps them to status codes
 * (packages/http/src/http-errors.ts), in one place.
 */
export const domainErrorCodes = [
  'validation_failed',
  'not_found',
  'version_conflict',
  'already_exists',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'tenant_guard',
  'tenant_choice_required',
  'precondition_required',
  'invalid_state',
  'unprocessable',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields?: FieldIssue[];
  readonly details?: Record<string, unknown>;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { fields?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    if (options.fields) this.fields = options.fields;
    if (options.details) this.details = options.details;
  }
}
