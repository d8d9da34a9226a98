import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from '@crm/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_TRANSACTIONS_QUERY } from '../support/cdnow-import.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

/**
 * GET /v1/analytics/holdout on DynamoDB Local: the model check on the tenant's imported orders.
 * What the customers actually did is counted here straight from the CDNOW lines, independently of
 * the analytics package; what the model expects is checked for plausibility only.
 */

const NOW = new Date('1998-07-01T00:00:00Z');
const LINES = 700;

const master = readFileSync(
  resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
  'utf8',
);
const slice = master.split('\n').slice(0, LINES);

async function importLines(app: App, owner: SignedUpTenant, lines: string[]): Promise<void> {
  const response = await app.request(`/v1/imports?${CDNOW_TRANSACTIONS_QUERY}`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'text/csv' },
    body: lines.join('\n'),
  });
  expect(response.status).toBe(201);
}

const isoOf = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

/** Each customer's distinct purchase days (YYYY-MM-DD), from the raw lines. */
function purchaseDays(lines: readonly string[]): Map<string, string[]> {
  const days = new Map<string, Set<string>>();
  for (const line of lines) {
    const [id, date] = line.trim().split(/\s+/);
    if (!id || !date) continue;
    const set = days.get(id) ?? new Set<string>();
    set.add(isoOf(date));
    days.set(id, set);
  }
  return new Map([...days].map(([id, set]) => [id, [...set].sort()]));
}

type Check = {
  cutoff: string;
  end: string;
  customers: number;
  holdoutWeeks: number;
  bgnbd: { r: number; alpha: number; a: number; b: number };
  byFrequency: { x: string; customers: number; actual: number; expected: number }[];
  cumulative: { week: number; actual: number; expected: number }[];
  errors: { totalActual: number; totalExpected: number; cumulativeEndError: number | null };
};

describe('the holdout check in the product (DynamoDB Local)', () => {
  const app = createTestApp({ clock: () => NOW });
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Holdout slice');
    await importLines(app, owner, slice);
  }, 120_000);

  it('compares the model with what the customers bought after the cutoff', async () => {
    const response = await call(app, 'GET', '/v1/analytics/holdout?cutoff=1997-09-30&end=1998-06-30', {
      auth: owner.auth,
    });
    expect(response.status).toBe(200);
    const check = response.body as unknown as Check;

    const acquired = [...purchaseDays(slice).values()].filter((days) => (days[0] as string) <= '1997-09-30');
    const holdoutPurchases = acquired.map(
      (days) => days.filter((day) => day > '1997-09-30' && day <= '1998-06-30').length,
    );
    const repeatPurchases = acquired.reduce(
      (sum, days) => sum + days.filter((day) => day <= '1998-06-30').length - 1,
      0,
    );
    expect(check).toMatchObject({ cutoff: '1997-09-30', end: '1998-06-30', customers: acquired.length });
    expect(check.holdoutWeeks).toBeCloseTo(273 / 7, 6);
    expect(check.errors.totalActual).toBe(holdoutPurchases.reduce((sum, n) => sum + n, 0));
    expect(check.byFrequency.reduce((sum, bucket) => sum + bucket.customers, 0)).toBe(acquired.length);
    const zeroRepeats = acquired.filter((days) => days.filter((day) => day <= '1997-09-30').length === 1);
    expect(check.byFrequency[0]).toMatchObject({ x: '0', customers: zeroRepeats.length });
    // The tracking curve ends at every repeat purchase of the cohort up to the end.
    expect(check.cumulative.at(-1)?.actual).toBe(repeatPurchases);
    expect(check.cumulative.map((week) => week.week)).toEqual(check.cumulative.map((_, index) => index + 1));
    // A fitted model, in the range the paper's CDNOW fit suggests, not numbers made up.
    for (const value of Object.values(check.bgnbd)) expect(value).toBeGreaterThan(0);
    expect(check.errors.totalExpected / check.errors.totalActual).toBeGreaterThan(0.5);
    expect(check.errors.totalExpected / check.errors.totalActual).toBeLessThan(1.5);
  });

  it('ends today and cuts halfway from the first order when no dates are given', async () => {
    const response = await call(app, 'GET', '/v1/analytics/holdout', { auth: owner.auth });
    expect(response.status).toBe(200);
    const first = [...purchaseDays(slice).values()].map((days) => days[0] as string).sort()[0] as string;
    const firstMs = Date.parse(`${first}T00:00:00Z`);
    const halfDays = Math.floor((NOW.getTime() - firstMs) / 86_400_000 / 2);
    expect(response.body).toMatchObject({
      end: '1998-07-01',
      cutoff: new Date(firstMs + halfDays * 86_400_000).toISOString().slice(0, 10),
    });
  });

  it('refuses a cutoff that is not before the end, or not a date, naming the field', async () => {
    const late = await call(app, 'GET', '/v1/analytics/holdout?cutoff=1998-07-01&end=1998-06-30', {
      auth: owner.auth,
    });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'cutoff' }] } });
    const garbled = await call(app, 'GET', '/v1/analytics/holdout?cutoff=1997-13-45', { auth: owner.auth });
    expect(garbled.status).toBe(400);
    const unknown = await call(app, 'GET', '/v1/analytics/holdout?from=1997-01-01', { auth: owner.auth });
    expect(unknown.status).toBe(400);
  });

  it('answers 422 for a tenant whose orders give the model nothing to fit, and reads only its own', async () => {
    const other = await signUpTenant(app, 'Holdout, no orders');
    const empty = await call(app, 'GET', '/v1/analytics/holdout?cutoff=1997-09-30&end=1998-06-30', {
      auth: other.auth,
    });
    expect(empty.status).toBe(422);
    await importLines(app, other, slice.slice(0, 1));
    const lonely = await call(app, 'GET', '/v1/analytics/holdout', { auth: other.auth });
    expect(lonely.status).toBe(422);
    expect(lonely.body).toMatchObject({ error: { code: 'unprocessable' } });
  });

  it('needs a token', async () => {
    expect((await call(app, 'GET', '/v1/analytics/holdout')).status).toBe(401);
  });
});
