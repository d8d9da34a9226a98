import type { Services } from '@crm/app';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonResponse } from '../openapi.js';

const MailSchema = z
  .object({
    id: z.string().max(40),
    to: z.string().max(254),
    subject: z.string().max(500),
    text: z.string().max(20_000),
    /** The same message as HTML, as the mail adapters send it. */
    html: z.string().max(100_000).optional(),
    /** What the mail is for (`invitation`, `password-reset`, `verify-email`, …); older mails have none. */
    kind: z.string().max(40).optional(),
    createdAt: z.string().max(40),
  })
  .openapi('Mail');

const outboxRoute = defineRoute({
  method: 'get',
  path: '/v1/dev/outbox',
  operationId: 'listDevOutbox',
  tags: ['dev'],
  description:
    'What the local runtime would have e-mailed, so invitations can be followed without a mail server.',
  summary: "Local mode only: the tenant's outgoing mail (invitation links), newest first",
  security: bearerSecurity,
  responses: {
    200: jsonResponse(z.object({ items: z.array(MailSchema).max(100) }), 'Mails'),
    ...errorResponses(403),
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
