import type { Services } from '@crm/app';
import { MemberTierPolicySchema } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';

const common = { tags: ['members'] as ['members'], security: bearerSecurity };

const MemberTierPolicyViewSchema = z
  .object({ policy: MemberTierPolicySchema, version: z.number().int(), updatedAt: z.string().nullable() })
  .openapi('MemberTierPolicyView');
const MemberTierPolicyPutSchema = z
  .strictObject({ policy: MemberTierPolicySchema, version: z.number().int().min(0).max(1e9) })
  .openapi('MemberTierPolicyPut');

const routes = {
  policy: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/members/tier-policy',
    operationId: 'getMemberTierPolicy',
    summary: 'The member programme’s tiers and upgrade rules (会员等级)',
    description:
      'Tiers from the lowest (everyone’s) up, each reached at `minValue` (minor units, on the monetary total or CLV) and `minOrders` within `windowDays`. Version 0 is the default, until an admin saves one.',
    responses: { ...errorResponses(403), 200: jsonResponse(MemberTierPolicyViewSchema, 'The rules') },
  }),
  putPolicy: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/members/tier-policy',
    operationId: 'putMemberTierPolicy',
    summary: 'Change the tier rules (admin; `version` as read, 0 for the first)',
    description:
      'Replaces the rules if `version` is the one read; the next order of each customer and the nightly pass follow them. Tiers only go up: a customer keeps a tier once reached.',
    request: { body: jsonBody(MemberTierPolicyPutSchema) },
    responses: { 200: jsonResponse(MemberTierPolicyViewSchema, 'The rules'), ...errorResponses(403, 409) },
  }),
};

export function memberRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/members/*', forbidPartners());
  app.on('PUT', '/v1/members/tier-policy', requireAdmin());
  return app
    .openapi(routes.policy, async (c) =>
      c.json(await services.members.policy({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putPolicy, async (c) => {
      const { policy, version } = c.req.valid('json');
      return c.json(
        await services.members.putPolicy(actorOf(c.var.principal), { policy, expectedVersion: version }),
        200,
      );
    });
}
