import type { Services } from '@crm/app';
import {
  idSchema,
  WebhookDeliverySchema,
  WebhookEndpointCreatedSchema,
  WebhookEndpointCreateSchema,
  WebhookEndpointPatchSchema,
  WebhookEndpointSchema,
  WebhookRecoverSchema,
  WebhookSecretRotatedSchema,
  WebhookSecretRotateSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema, pageQueryShape } from './page-query.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const common = { tags: ['webhooks'] as ['webhooks'], security: bearerSecurity };

const EndpointParam = z.object({
  webhookId: idSchema('a webhook endpoint id').openapi({ param: { name: 'webhookId', in: 'path' } }),
});
const DeliveryParams = EndpointParam.extend({
  messageId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a delivery (message) id')
    .openapi({ param: { name: 'messageId', in: 'path' } }),
});
const DeliveryPageQuery = z.strictObject({
  ...pageQueryShape(),
});

const WebhookDeliveryPageSchema = cursorPageSchema('WebhookDeliveryPage', z.array(WebhookDeliverySchema));

const routes = {
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Add a webhook endpoint (admin); the signing secret is shown only in this answer',
    description:
      'Events matching `events` (names or wildcards such as `customer.*`) and the optional `filter` are ' +
      'POSTed to `url`, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, ' +
      '`webhook-signature`). The URL must be https and resolve to public addresses (the local runtime ' +
      'also allows this machine). Keep `secret`: it is never shown again.',
    request: { body: jsonBody(WebhookEndpointCreateSchema) },
    responses: {
      201: jsonResponse(WebhookEndpointCreatedSchema, 'The endpoint, with its secret'),
      ...errorResponses(403),
    },
  }),
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/webhooks',
    operationId: 'listWebhooks',
    summary: 'The tenant’s webhook endpoints (admin)',
    description:
      'Every endpoint, oldest first, with its state (disabled endpoints say why). Secrets are never listed.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(WebhookEndpointSchema) }), 'Endpoints'),
      ...errorResponses(403),
    },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/webhooks/{webhookId}',
    operationId: 'getWebhook',
    summary: 'One webhook endpoint (admin)',
    description: 'The endpoint and its state; its version is what an edit sends back.',
    request: { params: EndpointParam },
    responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint'), ...errorResponses(403) },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/webhooks/{webhookId}',
    operationId: 'updateWebhook',
    summary: 'Change, disable or re-enable a webhook endpoint (admin)',
    description:
      'Changes the endpoint against the version you read (If-Match or body version). `enabled: true` ' +
      're-enables an endpoint the system disabled; `filter: null` removes the filter.',
    request: { params: EndpointParam, body: jsonBody(WebhookEndpointPatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint'), ...errorResponses(403, 409, 428) },
  }),
  remove: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/webhooks/{webhookId}',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook endpoint (admin)',
    description: 'Nothing more is sent to it; its pending deliveries fail and its log expires.',
    request: { params: EndpointParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(403) },
  }),
  deliveries: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/webhooks/{webhookId}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'The endpoint’s delivery log: each message with every attempt, newest first (admin)',
    description:
      'Each message (its id is the `webhook-id` header, stable across retries) with its status and every ' +
      'attempt: time, HTTP status, latency, the first 1 KB of the answer or the error. `nextCursor` ' +
      'continues the log (null on its last page).',
    request: { params: EndpointParam, query: DeliveryPageQuery },
    responses: {
      200: jsonResponse(WebhookDeliveryPageSchema, 'Deliveries'),
      ...errorResponses(400, 403),
    },
  }),
  resend: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/webhooks/{webhookId}/deliveries/{messageId}/resend',
    operationId: 'resendWebhookDelivery',
    summary: 'Send one message again, same id and body, on a fresh retry schedule (admin)',
    description: 'Receivers deduplicate on `webhook-id`, so resending a delivered message is harmless.',
    request: { params: DeliveryParams },
    responses: {
      202: jsonResponse(WebhookDeliverySchema, 'The delivery, queued'),
      ...errorResponses(403, 409),
    },
  }),
  recover: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/webhooks/{webhookId}/recover',
    operationId: 'recoverWebhookDeliveries',
    summary: 'Send again every failed message since a time (admin)',
    description: 'Each failed delivery created at or after `since` is queued again on a fresh schedule.',
    request: { params: EndpointParam, body: jsonBody(WebhookRecoverSchema) },
    responses: {
      202: jsonResponse(z.object({ queued: z.number().int() }), 'How many were queued'),
      ...errorResponses(403, 409),
    },
  }),
  test: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/webhooks/{webhookId}/test',
    operationId: 'testWebhook',
    summary: 'Send a signed `webhook.ping` to the endpoint now (admin)',
    description: 'The ping is logged like any delivery; follow it in the delivery log.',
    request: { params: EndpointParam },
    responses: { 202: jsonResponse(WebhookDeliverySchema, 'The ping, queued'), ...errorResponses(403, 409) },
  }),
  rotate: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/webhooks/{webhookId}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret; the old one stays valid for the overlap (admin)',
    description:
      'Returns the new secret (shown only here). Until `previousSecretExpiresAt` every delivery carries ' +
      'signatures with both secrets, so receivers switch without losing a message.',
    request: { params: EndpointParam, body: jsonBody(WebhookSecretRotateSchema) },
    responses: {
      200: jsonResponse(WebhookSecretRotatedSchema, 'The new secret'),
      ...errorResponses(403, 409),
    },
  }),
};

export function webhookRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/webhooks', requireAdmin());
  app.use('/v1/webhooks/*', requireAdmin());
  const endpointOf = (c: { var: AppEnv['Variables'] }, id: string) => ({
    tenantId: c.var.principal.tenantId,
    endpointId: id,
  });
  return app
    .openapi(routes.create, async (c) =>
      c.json(await services.webhooks.create(actorOf(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.list, async (c) =>
      c.json({ items: await services.webhooks.list({ tenantId: c.var.principal.tenantId }) }, 200),
    )
    .openapi(routes.get, async (c) =>
      c.json(await services.webhooks.get(endpointOf(c, c.req.valid('param').webhookId)), 200),
    )
    .openapi(routes.patch, async (c) => {
      const { version, ...patch } = c.req.valid('json');
      return c.json(
        await services.webhooks.update(
          { ...actorOf(c.var.principal), endpointId: c.req.valid('param').webhookId },
          patch,
          expectedVersion(c.req.header('if-match'), version),
        ),
        200,
      );
    })
    .openapi(routes.remove, async (c) => {
      await services.webhooks.remove(endpointOf(c, c.req.valid('param').webhookId));
      return c.body(null, 204);
    })
    .openapi(routes.deliveries, async (c) =>
      c.json(
        await services.webhooks.deliveries(endpointOf(c, c.req.valid('param').webhookId), {
          limit: c.req.valid('query').limit,
          ...(c.req.valid('query').cursor === undefined ? {} : { cursor: c.req.valid('query').cursor }),
        }),
        200,
      ),
    )
    .openapi(routes.resend, async (c) => {
      const { webhookId, messageId } = c.req.valid('param');
      return c.json(await services.webhooks.resend({ ...endpointOf(c, webhookId), messageId }), 202);
    })
    .openapi(routes.recover, async (c) =>
      c.json(
        await services.webhooks.recover({
          ...endpointOf(c, c.req.valid('param').webhookId),
          since: c.req.valid('json').since,
        }),
        202,
      ),
    )
    .openapi(routes.test, async (c) =>
      c.json(await services.webhooks.ping(endpointOf(c, c.req.valid('param').webhookId)), 202),
    )
    .openapi(routes.rotate, async (c) =>
      c.json(
        await services.webhooks.rotateSecret(
          { ...actorOf(c.var.principal), endpointId: c.req.valid('param').webhookId },
          c.req.valid('json').overlapHours,
        ),
        200,
      ),
    );
}
