import { describe, expect, it } from 'vitest';
import { call, createTestApp, signUpTenant } from '../support/test-app.js';

/**
 * Finding 9 of issue 17: 800 Chinese characters in a unique text custom field went into a key
 * over DynamoDB's 2,048-byte limit and answered 500. Long values are held by their hash, and
 * uniqueness still holds for them.
 */
describe('long values of a unique custom field', () => {
  it('are stored, and a second customer with the same value is refused', async () => {
    const app = createTestApp();
    const owner = await signUpTenant(app);
    const field = await call(app, 'POST', '/v1/custom-fields', {
      auth: owner.auth,
      body: { key: 'licence', label: { en: 'Licence', zh: '许可证' }, type: 'text', unique: true },
    });
    expect(field.status).toBe(201);
    const long = '许'.repeat(800);
    const create = (name: string, licence: string) =>
      call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name, kind: 'business', customFields: { licence } },
      });
    const first = await create('First', long);
    expect(first.status).toBe(201);
    expect((first.body.customFields as Record<string, string>).licence).toBe(long);
    const second = await create('Second', long);
    expect(second.status).toBe(400);
    expect(second.body.error).toMatchObject({
      fields: [{ path: 'customFields.licence', message: 'must be unique' }],
    });
    expect((await create('Third', `${long}可`)).status).toBe(201);
    // Freed when the holder lets go of it.
    const patched = await call(app, 'PATCH', `/v1/customers/${first.body.id}`, {
      auth: owner.auth,
      body: { customFields: { licence: null }, version: first.body.version },
    });
    expect(patched.status).toBe(200);
    expect((await create('Fourth', long)).status).toBe(201);
  });
});
