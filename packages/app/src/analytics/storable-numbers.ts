/**
 * DynamoDB numbers, as the document client writes them, must be finite and within
 * ±Number.MAX_SAFE_INTEGER (beyond it lib-dynamodb refuses to guess the precision). A fit on
 * degenerate data (say 20,000 one-time buyers and a single repeat buyer) can reach parameters or
 * CLVs of 1e305: such a fit is refused with a reason instead of failing while it is written.
 */
function isStorable(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
}

/** The path of the first number DynamoDB would refuse (`fit.bgnbd.alpha`), or undefined. */
export function firstUnstorableNumber(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return isStorable(value) ? undefined : path || '(root)';
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = firstUnstorableNumber(inner, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/**
 * A JSON copy in which every number DynamoDB would refuse is replaced by its text (`"2.55e+305"`):
 * for diagnostics, which must be stored whatever they hold.
 */
export function storableCopy(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'number' && !isStorable(inner) ? String(inner) : inner,
    ),
  ) as Record<string, unknown>;
}
