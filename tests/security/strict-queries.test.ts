import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

// docs/security.md: every query is strict. A parameter a route does not take is refused, never
// silently ignored (a client sending ?tenantId=… must learn it chooses nothing).
describe('query strings', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Strict Queries');
  });

  it.each([
    '/v1/me?tenantId=01J0000000000000000000000',
    '/v1/imports?limit=-1',
    '/v1/tenant?x=1',
    '/v1/custom-fields?archived=true',
    '/v1/analytics/model?fitId=x',
    '/v1/customers?foo=bar',
  ])('refuses an unknown parameter: %s → 400 naming it', async (path) => {
    const response = await call(app, 'GET', path, { auth: owner.auth });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed' });
  });

  it('still answers a route without parameters', async () => {
    expect((await call(app, 'GET', '/v1/me', { auth: owner.auth })).status).toBe(200);
  });
});
