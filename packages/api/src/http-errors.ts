import type { DomainErrorCode, FieldIssue } from '@crm/domain';
import { DomainError } from '@crm/domain';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** The one place where domain error codes become HTTP statuses. */
const statusByCode: Record<DomainErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  already_exists: 409,
  rate_limited: 429,
  // A key outside the caller's tenant is never the caller's business: it reads as absent.
  tenant_guard: 404,
};

export type ErrorBody = {
  error: { code: string; message: string; fields?: FieldIssue[]; details?: Record<string, unknown> };
};

export function toErrorResponse(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof DomainError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields) body.error.fields = error.fields;
    if (error.details) body.error.details = error.details;
    return { status: statusByCode[error.code], body };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Internal server error' } } };
}

export function fieldIssuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

export function validationError(error: ZodError, where: string): DomainError {
  const fields = fieldIssuesOf(error);
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  return new DomainError('validation_failed', `Invalid ${where}: ${summary}`, { fields });
}
