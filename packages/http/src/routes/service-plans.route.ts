import type { Services } from '@crm/app';
import {
  CustomerServicePlansSchema,
  idSchema,
  ServicePlanInputSchema,
  ServicePlanListItemSchema,
  ServicePlanPatchSchema,
  ServicePlanSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema } from './page-query.js';
import { expectedVersion, IfMatchHeader, optionalExpectedVersion } from './version-precondition.js';

const common = { tags: ['service'] as ['service'], security: bearerSecurity };

const PlanIdParam = z.object({ planId: idSchema('a service plan id') });
const CustomerIdParam = z.object({ customerId: idSchema('a customer id') });
const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
  customerId: idSchema('a customer id').optional(),
});
const ServicePlanPageSchema = cursorPageSchema(
  'ServicePlanPage',
  z.array(ServicePlanListItemSchema).max(200),
);

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/service-plans',
    operationId: 'listServicePlans',
    summary: 'Proactive service plans (服务计划), newest first, the tenant’s or one customer’s',
    description:
      'Each with its recurrence, value class, next due day and the last request it generated, and ' +
      '`standing`, by the same rule as the customer’s plans: a customer’s own plan limited to a ' +
      'value class the customer is not in now is `skipped_class` (with `customerClass`, its class now).',
    request: { query: ListQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(ServicePlanPageSchema, 'A page of plans') },
  }),
  forCustomer: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/service-plans',
    operationId: 'listCustomerServicePlans',
    summary: 'The service plans that serve one customer: its own and its value class’s',
    description:
      'The customer’s own plans, then the plans for every customer of the ABC class it is in now ' +
      '(`appliesBy: class`), each with `nextDueOn`, when it next serves this customer (null while ' +
      'paused). An archived customer is in no class. Unknown customer 404.',
    request: { params: CustomerIdParam },
    responses: {
      ...errorResponses(403, { 404: 'No such customer' }),
      200: jsonResponse(CustomerServicePlansSchema, 'The plans that serve the customer'),
    },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/service-plans/{planId}',
    operationId: 'getServicePlan',
    summary: 'One service plan',
    description: 'The plan with its next due day.',
    request: { params: PlanIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(ServicePlanSchema, 'The plan') },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/service-plans',
    operationId: 'createServicePlan',
    summary: 'Plan recurring service for a customer (e.g. quarterly visits while it is an A customer)',
    description:
      'Every `every.count` weeks or months from `startsOn`; with `valueClass`, an occurrence is ' +
      'served only while the customer is in that ABC class (differentiated service by value). The ' +
      'nightly run receives one request per due occurrence. Unknown customer 404, archived 409.',
    request: { body: jsonBody(ServicePlanInputSchema) },
    responses: {
      201: jsonResponse(ServicePlanSchema, 'The plan'),
      ...errorResponses(403, { 404: 'No such customer' }, 409),
    },
  }),
  update: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/service-plans/{planId}',
    operationId: 'updateServicePlan',
    summary: 'Change a service plan (If-Match or body version required)',
    description:
      'Title, category, priority, recurrence, value class, or pause (`active: false`). 409 stale, 428 without a version.',
    request: { params: PlanIdParam, body: jsonBody(ServicePlanPatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(ServicePlanSchema, 'The plan'), ...errorResponses(403, 409, 428) },
  }),
  remove: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/service-plans/{planId}',
    operationId: 'deleteServicePlan',
    summary: 'Delete a service plan (requests it generated stay)',
    description: 'With If-Match, only at that version (409 otherwise).',
    request: { params: PlanIdParam, headers: IfMatchHeader },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 409) },
  }),
};

export function servicePlanRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/service-plans', forbidPartners());
  app.use('/v1/service-plans/*', forbidPartners());
  app.use('/v1/customers/:customerId/service-plans', forbidPartners());
  const caller = (principal: AppEnv['Variables']['principal']) => ({
    ...actorOf(principal),
    role: principal.role,
  });
  return app
    .openapi(routes.list, async (c) => {
      const { limit, cursor, customerId } = c.req.valid('query');
      const page = await services.servicePlans.list(
        { tenantId: c.var.principal.tenantId },
        { limit, ...(cursor ? { cursor } : {}), ...(customerId ? { customerId } : {}) },
      );
      return c.json({ items: page.items, nextCursor: page.cursor }, 200);
    })
    .openapi(routes.forCustomer, async (c) =>
      c.json(
        await services.servicePlans.forCustomer({
          tenantId: c.var.principal.tenantId,
          ...c.req.valid('param'),
        }),
        200,
      ),
    )
    .openapi(routes.get, async (c) =>
      c.json(
        await services.servicePlans.get({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }),
        200,
      ),
    )
    .openapi(routes.create, async (c) =>
      c.json(await services.servicePlans.create(caller(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.update, async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await services.servicePlans.update(
          { ...caller(c.var.principal), ...c.req.valid('param') },
          body,
          expectedVersion(c.req.header('if-match'), body.version),
        ),
        200,
      );
    })
    .openapi(routes.remove, async (c) => {
      await services.servicePlans.remove(
        { ...caller(c.var.principal), ...c.req.valid('param') },
        optionalExpectedVersion(c.req.header('if-match')),
      );
      return c.body(null, 204);
    });
}
