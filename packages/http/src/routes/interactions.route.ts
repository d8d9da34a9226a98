import type { Services } from '@crm/app';
import { InteractionCreateSchema, InteractionSchema, idSchema, interactionTypes } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';
import { IfMatchHeader, optionalExpectedVersion } from './version-precondition.js';

const InteractionParams = CustomerIdParam.extend({
  interactionId: idSchema('an interaction id'),
});

const common = { tags: ['interactions'] as ['interactions'], security: bearerSecurity };

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/interactions',
    operationId: 'listInteractions',
    summary: "The customer's timeline, newest first (联络历史)",
    description:
      'A page of interactions, optionally of one type; follow `nextCursor`. Partners need timeline access.',
    request: {
      params: CustomerIdParam,
      query: z.strictObject({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional(),
        type: z.enum(interactionTypes).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(InteractionSchema).max(200), nextCursor: z.string().max(200).nullable() }),
        'A page',
      ),
      ...errorResponses(403),
    },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/customers/{customerId}/interactions',
    operationId: 'createInteraction',
    summary: 'Record an interaction: a note, call, visit, order, payment, invoice… (amounts in minor units)',
    description:
      'Adds an entry to the timeline; orders and payments update the customer figures and scores shortly after.',
    request: { params: CustomerIdParam, body: jsonBody(InteractionCreateSchema) },
    responses: {
      201: jsonResponse(InteractionSchema, 'The recorded interaction'),
      ...errorResponses(409, {
        422: "The amount would take the customer's totals past their maximum; nothing was recorded",
      }),
    },
  }),
  delete: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/customers/{customerId}/interactions/{interactionId}',
    operationId: 'deleteInteraction',
    summary: 'Remove an interaction from the timeline (删除记录)',
    description:
      "Deletes the entry and takes its figures back out of the customer's (counts, sums per currency, first/last order) in the same write; credit, webhooks and workflows see `interaction.removed`. A second delete answers 404, never subtracts twice. With If-Match, an entry changed since you read it is not removed (409 with the current entry); without it the delete is unconditional. A complaint's or service request's own entry cannot be removed on its own (409). Partners need a share that lets them add to the timeline.",
    request: { params: InteractionParams, headers: IfMatchHeader },
    responses: { 204: { description: 'Removed' }, ...errorResponses(403, 409) },
  }),
};

export function interactionRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(routes.list, async (c) => {
      const { customerId } = c.req.valid('param');
      await services.partners.checkTimeline(c.var.principal, customerId, 'read');
      const query = c.req.valid('query');
      const page = await services.interactions.list({
        tenantId: c.var.principal.tenantId,
        customerId,
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.type ? { type: query.type } : {}),
      });
      return c.json(page, 200);
    })
    .openapi(routes.create, async (c) => {
      await services.partners.checkTimeline(c.var.principal, c.req.valid('param').customerId, 'write');
      const interaction = await services.interactions.create(actorOf(c.var.principal), {
        customerId: c.req.valid('param').customerId,
        input: c.req.valid('json'),
      });
      return c.json(interaction, 201);
    })
    .openapi(routes.delete, async (c) => {
      const { customerId, interactionId } = c.req.valid('param');
      await services.partners.checkTimeline(c.var.principal, customerId, 'write');
      await services.interactions.remove(actorOf(c.var.principal), {
        customerId,
        interactionId,
        expectedVersion: optionalExpectedVersion(c.req.header('if-match')),
      });
      return c.body(null, 204);
    });
}
