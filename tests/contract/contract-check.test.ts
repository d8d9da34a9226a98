import type { App } from '@crm/http';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { withContractCheck } from '../support/contract-check.js';

const document = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          200: {
            description: 'A thing',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
              },
            },
          },
          404: {
            description: 'Absent',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: { error: { type: 'object', properties: { code: { type: 'string' } } } },
        required: ['error'],
      },
    },
  },
};

/** An app that serves `document` and answers everything else with `answer`. */
function appAnswering(answer: () => Response): App {
  const app = new Hono();
  app.get('/openapi.json', (c) => c.json(document));
  app.all('*', () => answer());
  // The check needs only `fetch` and `request`, which every Hono app has.
  return withContractCheck(app as unknown as App);
}

describe('the contract check on the test client', () => {
  it('lets a declared status with a matching body through', async () => {
    const app = appAnswering(() => Response.json({ id: 'a' }));
    expect((await app.request('/v1/things/a')).status).toBe(200);
  });

  it('fails a status the operation does not declare', async () => {
    const app = appAnswering(() => Response.json({ error: { code: 'x' } }, { status: 409 }));
    await expect(app.request('/v1/things/a')).rejects.toThrow(/status not declared/);
  });

  it('fails a body that does not match the declared schema', async () => {
    const app = appAnswering(() => Response.json({ name: 'no id' }));
    await expect(app.request('/v1/things/a')).rejects.toThrow(/must have required property 'id'/);
  });

  it('fails a field the document does not name', async () => {
    const app = appAnswering(() => Response.json({ id: 'a', statsRevision: 3 }));
    await expect(app.request('/v1/things/a')).rejects.toThrow(/must NOT have additional properties/);
  });

  it('holds a path the document does not know to the error shape', async () => {
    const app = appAnswering(() => Response.json({ oops: true }, { status: 404 }));
    await expect(app.request('/v1/nowhere')).rejects.toThrow(/required property 'error'/);
  });
});
