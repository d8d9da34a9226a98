import type { Services } from '@crm/app';
import { KpiQuerySchema, KpisSchema } from '@crm/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonResponse } from '../openapi.js';

const routes = {
  kpis: defineRoute({
    tags: ['kpis'],
    security: bearerSecurity,
    method: 'get',
    path: '/v1/kpis',
    operationId: 'getKpis',
    summary:
      'The CRM measured over a period (评估): retention, acquisition, activity, satisfaction, complaints, funnel, campaigns, partners',
    description:
      '`from` and `to` are UTC days, both inclusive (default: the 90 days up to today; at most 1,096 days). Retention compares with the equal-length period right before. Retention, acquisition and the active/dormant shares read what each customer item holds (first and last order instants, order count, P(alive)), not its orders; docs/kpis.md says what each figure means and where it is approximate.',
    request: { query: KpiQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(KpisSchema, 'The figures') },
  }),
};

export function kpiRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/kpis', forbidPartners());
  return app.openapi(routes.kpis, async (c) =>
    c.json(await services.kpis.kpis({ tenantId: c.var.principal.tenantId }, c.req.valid('query')), 200),
  );
}
