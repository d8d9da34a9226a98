import type { Services } from '@crm/app';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, errorResponses, jsonResponse } from '../openapi.js';

const MailSchema = z
  .object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.string() })
  .openapi('Mail');

const outboxRoute = createRoute({
  method: 'get',
  path: '/v1/dev/outbox',
  tags: ['dev'],
  summary: "Local mode only: the tenant's outgoing mail (invitation links), newest first",
  security: bearerSecurity,
  responses: {
    200: jsonResponse(z.object({ items: z.array(MailSchema) }), 'Mails'),
    403: errorResponses[403],
  },
});

/** Mounted only when the host sets `devRoutes` (the local runtime and tests); never in AWS. */
export function devOutboxRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/dev/outbox', requireAdmin());
  return app.openapi(outboxRoute, async (c) => {
    return c.json({ items: await services.users.outbox({ tenantId: c.var.principal.tenantId }) }, 200);
  });
}
