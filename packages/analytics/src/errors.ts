/** Stable codes: callers (the refit job, the API edge) branch on them, never on messages. */
export const analyticsErrorCodes = ['invalid_input', 'fit_not_converged', 'degenerate_data'] as const;
export type AnalyticsErrorCode = (typeof analyticsErrorCodes)[number];

/**
 * Thrown for bad input (empty data, negative times, out-of-range parameters) and when a model fit
 * does not converge. A failed fit never returns numbers: `details` carries the diagnostics
 * (best point reached, gradient norm, iterations) so the caller can store why it failed.
 */
export class AnalyticsError extends Error {
  readonly code: AnalyticsErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: AnalyticsErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AnalyticsError';
    this.code = code;
    if (details) this.details = details;
  }
}
