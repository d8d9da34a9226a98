import type { Services } from '@crm/app';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { defineRoute, publicAccess } from '../openapi.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    db: z.enum(['ok', 'unreachable']),
    version: z.string().max(100),
    time: z.iso.datetime(),
  })
  .openapi('Health');

const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['system'],
  security: publicAccess,
  summary: 'Liveness and database reachability',
  description:
    'Cheap and constant-time: the database check is a single-item read, cached for a few seconds, so load balancers and monitors may poll it.',
  responses: {
    200: {
      description: 'The API and its table are reachable',
      content: { 'application/json': { schema: HealthSchema } },
    },
    503: {
      description: 'The table is unreachable',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

export function healthRoutes(services: Services, version: string) {
  return new OpenAPIHono().openapi(healthRoute, async (c) => {
    const db = await services.health.database();
    const body = {
      status: db === 'ok' ? ('ok' as const) : ('degraded' as const),
      db,
      version,
      time: new Date().toISOString(),
    };
    return db === 'ok' ? c.json(body, 200) : c.json(body, 503);
  });
}
