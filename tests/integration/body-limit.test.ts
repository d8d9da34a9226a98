import { MAX_BODY_BYTES } from '@crm/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

/** The body limits, before any other work (authentication included) is spent on a request. */
describe('request body limits', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  const oversized = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Body limits');
  });

  it('refuses a body over the limit with 413, with or without a token, and writes nothing', async () => {
    for (const auth of [owner.auth, undefined]) {
      const response = await app.request('/v1/customers', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: oversized,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    }
    const listed = await call(app, 'GET', '/v1/customers', { auth: owner.auth });
    expect(listed.body.items).toEqual([]);
  });

  it('takes an import file larger than the general limit to the import route', async () => {
    const csv = `name\n${'A customer\n'.repeat(Math.ceil((MAX_BODY_BYTES * 1.5) / 11))}`;
    const response = await app.request('/v1/imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    // Past the limit, to the token check: an import without a token is refused as such.
    expect(response.status).toBe(401);
  });
});
