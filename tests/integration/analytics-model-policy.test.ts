import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from '@crm/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_TRANSACTIONS_QUERY } from '../support/cdnow-import.js';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';

// The CDNOW data end in mid-1998: the suite lives on 1998-07-01 (as analytics.test.ts).
const NOW = new Date('1998-07-01T00:00:00Z');

type Candidate = {
  model: string;
  k: number;
  customerMae: number | null;
  trackingExpected?: (number | null)[];
};
type Fit = {
  status: string;
  purchaseModel: { model: string; k: number; reason: string };
  modelChoice?: {
    candidates: Candidate[];
    tracking?: { start: string; calibrationWeeks: number; weeks: number[]; actual: number[] };
  };
};

async function importCdnow(app: App, owner: SignedUpTenant, lines: number): Promise<void> {
  const master = readFileSync(
    resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
    'utf8',
  );
  const response = await app.request(`/v1/imports?${CDNOW_TRANSACTIONS_QUERY}`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'text/csv' },
    body: master
      .split('\n')
      .slice(0, lines + 1)
      .join('\n'),
  });
  expect(response.status).toBe(201);
}

async function invite(app: App, owner: SignedUpTenant, role: 'member' | 'partner') {
  const email = uniqueEmail(role);
  await call(app, 'POST', '/v1/users/invitations', { auth: owner.auth, body: { email, role } });
  const outbox = await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth });
  const mail = (outbox.body.items as { to: string; text: string }[]).find((item) => item.to === email);
  const token = /token: (\S+)/.exec(mail?.text ?? '')?.[1];
  const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
    body: { token, password: TEST_PASSWORD },
  });
  return { Authorization: `Bearer ${accepted.body.accessToken}` };
}

describe('the purchase-model pin (DynamoDB Local)', () => {
  const app = createTestApp({ clock: () => NOW, refitWaitMs: 100_000 });
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Pinned CDNOW slice');
    const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
    await call(app, 'PATCH', '/v1/tenant', {
      auth: owner.auth,
      body: { settings: { defaultCurrency: 'USD' }, version: tenant.body.version },
    });
    // 1,200 rows: 348 customers, 186 of them repeat buyers (enough to compare the models).
    await importCdnow(app, owner, 1200);
  }, 120_000);

  it('is auto until an admin pins a model; members read it but cannot change it, partners see none', async () => {
    const initial = await call(app, 'GET', '/v1/analytics/policy', { auth: owner.auth });
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      policy: { model: 'auto', k: null },
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });

    const member = await invite(app, owner, 'member');
    expect((await call(app, 'GET', '/v1/analytics/policy', { auth: member })).status).toBe(200);
    const byMember = await call(app, 'PUT', '/v1/analytics/policy', {
      auth: member,
      body: { policy: { model: 'bgnbd', k: null }, version: 0 },
    });
    expect(byMember.status).toBe(403);
    const partner = await invite(app, owner, 'partner');
    expect((await call(app, 'GET', '/v1/analytics/policy', { auth: partner })).status).toBe(403);
  }, 60_000);

  it('refuses a model it does not know and a k on a model without one, naming the field', async () => {
    const unknown = await call(app, 'PUT', '/v1/analytics/policy', {
      auth: owner.auth,
      body: { policy: { model: 'arima', k: null }, version: 0 },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify((unknown.body.error as { fields: unknown }).fields)).toContain('policy.model');
    const kOnPareto = await call(app, 'PUT', '/v1/analytics/policy', {
      auth: owner.auth,
      body: { policy: { model: 'paretonbd', k: 3 }, version: 0 },
    });
    expect(kOnPareto.status).toBe(400);
    expect(JSON.stringify((kOnPareto.body.error as { fields: unknown }).fields)).toContain('policy.k');
  });

  it('pins MBG/CNBD-2: the refit uses it, still compares every candidate and stores their tracking curves', async () => {
    const pinned = await call(app, 'PUT', '/v1/analytics/policy', {
      auth: owner.auth,
      body: { policy: { model: 'mbgcnbd', k: 2 }, version: 0 },
    });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({
      policy: { model: 'mbgcnbd', k: 2 },
      version: 1,
      updatedBy: owner.userId,
    });
    // Versioned: a save from a stale read is refused.
    const stale = await call(app, 'PUT', '/v1/analytics/policy', {
      auth: owner.auth,
      body: { policy: { model: 'bgnbd', k: null }, version: 0 },
    });
    expect(stale.status).toBe(409);

    const refit = await call(app, 'POST', '/v1/analytics/refit', { auth: owner.auth });
    expect(refit.status).toBe(200);
    const fit = refit.body.fit as Fit;
    expect(fit.purchaseModel).toMatchObject({ model: 'mbgcnbd', k: 2, reason: 'pinned' });
    const candidates = fit.modelChoice?.candidates ?? [];
    expect(candidates.map((c) => c.model)).toEqual(['bgnbd', 'mbgnbd', 'bgcnbd', 'mbgcnbd', 'paretonbd']);
    for (const c of candidates) expect(c.customerMae).toBeGreaterThan(0);
    // The tracking plot: 1997-01-01 … 1998-07-01 is 78 weeks; calibration to the holdout split.
    const tracking = fit.modelChoice?.tracking;
    expect(tracking?.start).toBe('1997-01-01');
    expect(tracking?.weeks).toHaveLength(78);
    expect(tracking?.calibrationWeeks).toBeGreaterThan(40);
    expect(tracking?.calibrationWeeks).toBeLessThan(78);
    const actual = tracking?.actual ?? [];
    for (let i = 1; i < actual.length; i++) expect(actual[i]).toBeGreaterThanOrEqual(actual[i - 1] as number);
    for (const c of candidates) {
      expect(c.trackingExpected).toHaveLength(78);
      // Every model tracks the cohort's total within a third by the end of the holdout.
      const end = (c.trackingExpected?.at(-1) ?? 0) as number;
      expect(Math.abs(end - (actual.at(-1) as number)) / (actual.at(-1) as number)).toBeLessThan(0.35);
    }
    const model = await call(app, 'GET', '/v1/analytics/model', { auth: owner.auth });
    expect((model.body.latest as Fit).purchaseModel.reason).toBe('pinned');
  }, 180_000);

  it('unpinned, the next refit chooses on the holdout again', async () => {
    const unpinned = await call(app, 'PUT', '/v1/analytics/policy', {
      auth: owner.auth,
      body: { policy: { model: 'auto', k: null }, version: 1 },
    });
    expect(unpinned.status).toBe(200);
    expect(unpinned.body).toMatchObject({ policy: { model: 'auto', k: null }, version: 2 });
    const refit = await call(app, 'POST', '/v1/analytics/refit', { auth: owner.auth });
    expect(refit.status).toBe(200);
    expect((refit.body.fit as Fit).purchaseModel.reason).not.toBe('pinned');
  }, 180_000);
});
