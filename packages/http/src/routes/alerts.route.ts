import type { Principal, Services } from '@crm/app';
import {
  AlertAssignSchema,
  AlertSchema,
  AlertSnoozeSchema,
  AlertStatusSchema,
  AlertTypeSchema,
  alertTypesHiddenFrom,
  idSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema, pageQueryShape } from './page-query.js';

const common = { tags: ['alerts'] as ['alerts'], security: bearerSecurity };

const AlertIdParam = z.object({ alertId: idSchema('an alert id') });

const AlertListQuery = z.strictObject({
  type: AlertTypeSchema.optional().openapi({ param: { name: 'type', in: 'query' } }),
  status: AlertStatusSchema.optional().openapi({ param: { name: 'status', in: 'query' } }),
  assignee: idSchema('a user id')
    .optional()
    .openapi({ param: { name: 'assignee', in: 'query' } }),
  ...pageQueryShape(),
});

const AlertPageSchema = cursorPageSchema('AlertPage', z.array(AlertSchema), { filtered: true });

const action = (name: string, operationId: string, summary: string, description: string) =>
  defineRoute({
    ...common,
    method: 'post',
    path: `/v1/alerts/{alertId}/${name}` as const,
    operationId,
    summary,
    description,
    request: { params: AlertIdParam },
    responses: { 200: jsonResponse(AlertSchema, 'The alert'), ...errorResponses(409) },
  });

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/alerts',
    operationId: 'listAlerts',
    summary:
      'The alerts inbox: credit holds, churn risks, complaint escalations, webhook endpoints; newest first',
    description:
      'Filter by `type` (credit, churn, complaint, webhook), `status` and `assignee` (a user id); `nextCursor` continues the list. Webhook alerts (an endpoint turned off) are for owners and admins only: anyone else never sees them, and acting on one answers 404.',
    request: { query: AlertListQuery },
    responses: { ...errorResponses(403), 200: jsonResponse(AlertPageSchema, 'Alerts') },
  }),
  acknowledge: action(
    'acknowledge',
    'acknowledgeAlert',
    'Acknowledge an alert (someone is on it)',
    'From open or snoozed; records who and when. 409 when the alert is acknowledged or resolved already.',
  ),
  resolve: action(
    'resolve',
    'resolveAlert',
    'Resolve an alert',
    'Closes the alert for good; the same hold or churn episode does not raise it again. 409 when resolved already.',
  ),
  snooze: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/alerts/{alertId}/snooze',
    operationId: 'snoozeAlert',
    summary: 'Snooze an alert until a time in the future',
    description: 'The alert is `snoozed` with `snoozedUntil`; 409 when it is resolved.',
    request: { params: AlertIdParam, body: jsonBody(AlertSnoozeSchema) },
    responses: { 200: jsonResponse(AlertSchema, 'The alert'), ...errorResponses(409) },
  }),
  assign: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/alerts/{alertId}/assign',
    operationId: 'assignAlert',
    summary: 'Reassign an alert to another active user of the tenant',
    description: 'Changes `assigneeId`; 409 when the alert is resolved.',
    request: { params: AlertIdParam, body: jsonBody(AlertAssignSchema) },
    responses: { 200: jsonResponse(AlertSchema, 'The alert'), ...errorResponses(409) },
  }),
};

/** The caller as an actor on alerts: what their role does not see, they cannot change either. */
function alertActorOf(principal: Principal) {
  return { ...actorOf(principal), hiddenTypes: alertTypesHiddenFrom(principal.role) };
}

export function alertRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/alerts', forbidPartners());
  app.use('/v1/alerts/*', forbidPartners());
  return app
    .openapi(routes.list, async (c) => {
      const { assignee, ...query } = c.req.valid('query');
      const page = await services.alerts.list(
        { tenantId: c.var.principal.tenantId },
        {
          ...query,
          ...(assignee ? { assigneeId: assignee } : {}),
          hiddenTypes: alertTypesHiddenFrom(c.var.principal.role),
        },
      );
      return c.json(page, 200);
    })
    .openapi(routes.acknowledge, async (c) =>
      c.json(
        await services.alerts.acknowledge(alertActorOf(c.var.principal), c.req.valid('param').alertId),
        200,
      ),
    )
    .openapi(routes.resolve, async (c) =>
      c.json(await services.alerts.resolve(alertActorOf(c.var.principal), c.req.valid('param').alertId), 200),
    )
    .openapi(routes.snooze, async (c) =>
      c.json(
        await services.alerts.snooze(
          alertActorOf(c.var.principal),
          c.req.valid('param').alertId,
          c.req.valid('json').until,
        ),
        200,
      ),
    )
    .openapi(routes.assign, async (c) =>
      c.json(
        await services.alerts.assign(
          alertActorOf(c.var.principal),
          c.req.valid('param').alertId,
          c.req.valid('json').assigneeId,
        ),
        200,
      ),
    );
}
