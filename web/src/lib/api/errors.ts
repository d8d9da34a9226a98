import type { Locale } from '../i18n/locale.js';
import { fieldIssueText } from './field-issue-text.js';
import type { components } from './schema.js';

/** The API's one error body: `{ error: { code, message, fields?, details? } }`. */
export type ErrorBody = components['schemas']['Error'];
export type FieldIssue = NonNullable<ErrorBody['error']['fields']>[number];

/** A non-2xx answer, thrown by `unwrap` so resources and forms can catch one type. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.error.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get code(): string {
    return this.body.error.code;
  }

  get fields(): readonly FieldIssue[] {
    return this.body.error.fields ?? [];
  }

  get details(): Readonly<Record<string, unknown>> {
    return this.body.error.details ?? {};
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code: unknown }).code === 'string';
}

type FetchResult<D> = { data?: D; error?: unknown; response: Response };

/**
 * The data of an openapi-fetch call, or an `ApiError` thrown for any error answer.
 *
 * @example
 * const customers = await unwrap(api.GET('/v1/customers', { params: { query: { limit: 50 } } }));
 */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body: ErrorBody = isErrorBody(error)
      ? error
      : { error: { code: `http_${response.status}`, message: response.statusText || 'Request failed' } };
    throw new ApiError(response.status, body);
  }
  return data as D;
}

/**
 * Field errors by path (`email`, `settings.defaultCurrency`) in the user's language, for forms;
 * empty for other errors.
 */
export function fieldErrorsOf(error: unknown, locale: Locale): Readonly<Record<string, string>> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fields.map((field) => [field.path, fieldIssueText(field, locale)]));
}

export function isVersionConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code === 'version_conflict';
}
