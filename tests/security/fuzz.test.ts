import type { App } from '@crm/http';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

/**
 * Every route of the route table gets ≥ 200 generated bodies and query strings: random JSON,
 * valid-looking shapes with wrong types, huge and odd strings, raw non-JSON text. None may cause
 * a 5xx.
 */

const RUNS = 200;

const oddString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '%',
    '#',
    'T#x#',
    '../../',
    '__proto__',
    'constructor',
    '9'.repeat(400),
    'a'.repeat(5000),
  ),
);
const oddValue = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, Number.MAX_SAFE_INTEGER + 2, -1, 0),
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
);
const knownKeys = [
  'name',
  'kind',
  'status',
  'tags',
  'email',
  'phone',
  'password',
  'tenantName',
  'type',
  'amount',
  'currency',
  'occurredAt',
  'version',
  'customFields',
  'parentId',
  'ownerId',
  'role',
  'scope',
  'key',
  'label',
  'options',
  'relations',
  'roles',
  'settings',
  'refreshToken',
  'token',
  'address',
  'birthday',
  'limit',
  'cursor',
  'sort',
  'q',
];
const shapedBody = fc.dictionary(fc.constantFrom(...knownKeys), oddValue, { maxKeys: 6 });
const anyBody = fc.oneof(shapedBody, fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
const query = fc.dictionary(
  fc.constantFrom(...knownKeys, 'archived', 'order', 'tag', 'segment', 'customField', 'type'),
  oddString,
  {
    maxKeys: 4,
  },
);

function routes(app: App): { method: string; path: string }[] {
  return app.openAPIRegistry.definitions
    .filter((definition) => definition.type === 'route')
    .map((definition) => {
      const route = (definition as { route: { method: string; path: string } }).route;
      return { method: route.method.toUpperCase(), path: route.path };
    });
}

describe('fuzzing every route', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    owner = await signUpTenant(app);
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Fuzz', kind: 'business' },
    });
    ids.customerId = customer.body.id as string;
    const contact = await call(app, 'POST', `/v1/customers/${ids.customerId}/contacts`, {
      auth: owner.auth,
      body: { name: 'C' },
    });
    ids.contactId = contact.body.id as string;
    ids.userId = owner.userId;
    const key = await call(app, 'POST', '/v1/api-keys', {
      auth: owner.auth,
      body: { name: 'k', scope: 'write' },
    });
    ids.keyId = key.body.id as string;
    await call(app, 'POST', '/v1/custom-fields', {
      auth: owner.auth,
      body: { key: 'tier', label: { en: 'Tier' }, type: 'text' },
    });
    ids.key = 'tier';
  });

  it('covers a route table of real size', () => {
    expect(routes(app).length).toBeGreaterThan(20);
  });

  it('never answers 5xx, whatever the body and query', async () => {
    for (const route of routes(app)) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x');
      await fc.assert(
        fc.asyncProperty(anyBody, query, fc.boolean(), async (body, params, raw) => {
          const search = new URLSearchParams(params).toString();
          const url = `${path}${search ? `?${search}` : ''}`;
          let status: number;
          if (raw && body !== undefined && route.method !== 'GET') {
            const response = await app.request(url, {
              method: route.method,
              headers: { ...owner.auth, 'content-type': 'application/json' },
              body: JSON.stringify(body).slice(0, -1),
            });
            status = response.status;
          } else {
            const hasBody = route.method !== 'GET' && body !== undefined;
            status = (await call(app, route.method, url, { auth: owner.auth, ...(hasBody ? { body } : {}) }))
              .status;
          }
          expect(status, `${route.method} ${url} ${JSON.stringify(body)?.slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: RUNS, seed: 20261124 },
      );
    }
  }, 300_000);
});
