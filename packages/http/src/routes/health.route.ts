import type { Services } from '@crm/app';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    db: z.enum(['ok', 'unreachable']),
    version: z.string(),
    time: z.string(),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and database reachability',
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
