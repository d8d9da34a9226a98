import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

// A number beyond what the table keeps exactly used to reach DynamoDB and answer 500.
describe('number custom fields', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Numbers Ltd');
    const defined = await call(app, 'POST', '/v1/custom-fields', {
      auth: owner.auth,
      body: { key: 'score', label: { en: 'Score' }, type: 'number' },
    });
    expect(defined.status).toBe(201);
  });

  it.each([9007199254740992, 1e16, 1e21, -(2 ** 53), 1.5e300, 1e-300, 5e-324])(
    'refuses %s with a 400 naming the field',
    async (score) => {
      const created = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name: 'Too big', kind: 'consumer', customFields: { score } },
      });
      expect(created.status).toBe(400);
      const fields = (created.body.error as { fields: { path: string }[] }).fields;
      expect(fields.map((field) => field.path)).toEqual(['customFields.score']);
    },
  );

  it('refuses such a number as a list filter with a 400', async () => {
    const listed = await call(app, 'GET', '/v1/customers?customField=score:1e21', { auth: owner.auth });
    expect(listed.status).toBe(400);
  });

  it('keeps a number inside the bounds', async () => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Fine', kind: 'consumer', customFields: { score: 9007199254740991 } },
    });
    expect(created.status).toBe(201);
    expect((created.body.customFields as { score: number }).score).toBe(9007199254740991);
  });
});
