import { fieldIssuesOf } from '@crm/app';
import type { DomainErrorCode, ErrorBody } from '@crm/domain';
import { DomainError } from '@crm/domain';
import { HTTPException } from 'hono/http-exception';
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
  tenant_choice_required: 409,
  precondition_required: 428,
  invalid_state: 409,
  unprocessable: 422,
  rate_limited: 429,
  // A key outside the caller's tenant is never the caller's business: it reads as absent.
  tenant_guard: 404,
};

export type ErrorResponse = {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
};

export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof DomainError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields) body.error.fields = error.fields;
    if (error.details) body.error.details = error.details;
    const headers: Record<string, string> = {};
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
    if (error.code === 'unauthenticated') headers['WWW-Authenticate'] = 'Bearer';
    return { status: statusByCode[error.code], body, headers };
  }
  if (isTransactionConflict(error)) {
    // Two writes raced for the same item inside a transaction; nothing was written. Retrying is safe.
    return {
      status: 409,
      body: {
        error: { code: 'version_conflict', message: 'Changed concurrently by another request; retry' },
      },
      headers: { 'Retry-After': '1' },
    };
  }
  if (error instanceof HTTPException) {
    // Hono's own 4xx (e.g. malformed JSON): keep the status, use our shape.
    const status = error.status as ContentfulStatusCode;
    return { status, body: { error: { code: 'bad_request', message: error.message } }, headers: {} };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Internal server error' } },
    headers: {},
  };
}

function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'TransactionConflict');
}

export function validationError(error: ZodError, where: string): DomainError {
  const fields = fieldIssuesOf(error);
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  return new DomainError('validation_failed', `Invalid ${where}: ${summary}`, { fields });
}
