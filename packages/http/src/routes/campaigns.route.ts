import type { Services } from '@crm/app';
import {
  CampaignInputSchema,
  CampaignPatchSchema,
  CampaignPreviewInputSchema,
  CampaignPreviewSchema,
  CampaignResultsSchema,
  CampaignSchema,
  CampaignSendResultSchema,
  CampaignSettingsSchema,
  campaignPlaceholders,
  idSchema,
  PublicUnsubscribeSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import {
  bearerSecurity,
  defineRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  publicAccess,
} from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema, PublicLinkParam, pageQueryShape } from './page-query.js';
import { expectedVersion, IfMatchHeader, optionalExpectedVersion } from './version-precondition.js';

const common = { tags: ['campaigns'] as ['campaigns'], security: bearerSecurity };
const publicCommon = { tags: ['campaigns'] as ['campaigns'], security: publicAccess };

const CampaignIdParam = z.object({ campaignId: idSchema('a campaign id') });
const ListQuerySchema = z.strictObject({
  ...pageQueryShape(),
});
const CampaignPageSchema = cursorPageSchema('CampaignPage', z.array(CampaignSchema).max(200));

const placeholderNote = `Placeholders: ${campaignPlaceholders.map((name) => `{{${name}}}`).join(', ')}; any other is refused (400, a field per template).`;

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/campaigns',
    operationId: 'listCampaigns',
    summary: 'Campaigns (批量沟通), newest first',
    description: 'Each campaign with its status and send progress.',
    request: { query: ListQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(CampaignPageSchema, 'A page of campaigns') },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/campaigns',
    operationId: 'createCampaign',
    summary: 'Create a campaign as a draft',
    description:
      `E-mail (subject and body) or SMS (body) in zh and en to a saved segment; an optional hold-out % and the ` +
      `conversion window in days. ${placeholderNote}`,
    request: { body: jsonBody(CampaignInputSchema) },
    responses: { 201: jsonResponse(CampaignSchema, 'The campaign'), ...errorResponses(403) },
  }),
  preview: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/campaigns/preview',
    operationId: 'previewCampaign',
    summary: 'The message one customer would get (the composer’s preview)',
    description: placeholderNote,
    request: { body: jsonBody(CampaignPreviewInputSchema) },
    responses: { 200: jsonResponse(CampaignPreviewSchema, 'The rendered message'), ...errorResponses(403) },
  }),
  getSettings: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/campaign-settings',
    operationId: 'getCampaignSettings',
    summary: 'The tenant’s campaign send rate',
    description: 'Messages per minute, all campaigns together.',
    responses: { ...errorResponses(403), 200: jsonResponse(CampaignSettingsSchema, 'The settings') },
  }),
  putSettings: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/campaign-settings',
    operationId: 'putCampaignSettings',
    summary: 'Set the tenant’s campaign send rate (admin)',
    description: 'Messages per minute, all campaigns together (1–10,000).',
    request: { body: jsonBody(CampaignSettingsSchema) },
    responses: { 200: jsonResponse(CampaignSettingsSchema, 'The settings'), ...errorResponses(403) },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/campaigns/{campaignId}',
    operationId: 'getCampaign',
    summary: 'One campaign',
    description: 'Its templates, segment, status and send progress.',
    request: { params: CampaignIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(CampaignSchema, 'The campaign') },
  }),
  update: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/campaigns/{campaignId}',
    operationId: 'updateCampaign',
    summary: 'Change a draft campaign (If-Match or body version required)',
    description: `Only drafts change (409 once sending). 428 without a version. ${placeholderNote}`,
    request: { params: CampaignIdParam, body: jsonBody(CampaignPatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(CampaignSchema, 'The campaign'), ...errorResponses(403, 409, 428) },
  }),
  remove: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/campaigns/{campaignId}',
    operationId: 'deleteCampaign',
    summary: 'Delete a draft campaign',
    description: 'A campaign that has started sending keeps its results (409).',
    request: { params: CampaignIdParam, headers: IfMatchHeader },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 409) },
  }),
  send: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/campaigns/{campaignId}/send',
    operationId: 'sendCampaign',
    summary: 'Send the campaign, or carry on sending it',
    description:
      'Walks the segment and decides each customer once: held out (seeded, the same on every run), skipped ' +
      '(unsubscribed, no consent, no address, suppressed), or sent through the outbox with a personal unsubscribe ' +
      'link. Messages take slots of the tenant’s send rate; when they run out (or after ~20 s), the answer is 202 ' +
      'with `done: false` and `retryAfterSeconds`: send again to resume. Nobody is ever sent the message twice. ' +
      '200 when the whole segment is done (again: nothing more is sent).',
    request: { params: CampaignIdParam },
    responses: {
      200: jsonResponse(CampaignSendResultSchema, 'Done: the whole segment was decided'),
      202: jsonResponse(CampaignSendResultSchema, 'Sending goes on: call again after retryAfterSeconds'),
      ...errorResponses(403, 409),
    },
  }),
  results: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/campaigns/{campaignId}/results',
    operationId: 'getCampaignResults',
    summary: 'Campaign results: sent, skipped, bounced, unsubscribed, converted, uplift over the hold-out',
    description:
      'A conversion is an order recorded within `conversionDays` of the send (of being set aside, for the ' +
      'hold-out group). `uplift` = contacted conversion rate − hold-out conversion rate.',
    request: { params: CampaignIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(CampaignResultsSchema, 'The results') },
  }),
  publicGet: defineRoute({
    ...publicCommon,
    method: 'get',
    path: '/v1/public/unsubscribe/{link}',
    operationId: 'getPublicUnsubscribe',
    summary: 'Whose messages an unsubscribe link stops (no login)',
    description:
      'The business’s display name and whether the customer already unsubscribed. An unknown or expired link ' +
      'answers 404. Rate-limited per client address (429).',
    request: { params: PublicLinkParam },
    responses: { ...errorResponses(429), 200: jsonResponse(PublicUnsubscribeSchema, 'The link') },
  }),
  publicUnsubscribe: defineRoute({
    ...publicCommon,
    method: 'post',
    path: '/v1/public/unsubscribe/{link}',
    operationId: 'unsubscribePublic',
    summary: 'Unsubscribe from the business’s marketing messages (no login)',
    description:
      'Sets the customer’s marketing consent to false (its history shows it); later campaigns skip it. Doing it ' +
      'twice changes nothing.',
    request: { params: PublicLinkParam },
    responses: { ...errorResponses(429), 200: jsonResponse(PublicUnsubscribeSchema, 'Unsubscribed') },
  }),
};

export function campaignRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/campaigns', forbidPartners());
  app.use('/v1/campaigns/*', forbidPartners());
  app.use('/v1/campaign-settings', forbidPartners());
  app.on('PUT', '/v1/campaign-settings', requireAdmin());
  return app
    .openapi(routes.list, async (c) => {
      const page = await services.campaigns.list(
        { tenantId: c.var.principal.tenantId },
        c.req.valid('query'),
      );
      return c.json({ items: page.items, nextCursor: page.cursor }, 200);
    })
    .openapi(routes.create, async (c) => {
      const campaign = await services.campaigns.create(actorOf(c.var.principal), c.req.valid('json'));
      c.header('ETag', `"${campaign.version}"`);
      return c.json(campaign, 201);
    })
    .openapi(routes.preview, async (c) =>
      c.json(
        await services.campaigns.preview({ tenantId: c.var.principal.tenantId }, c.req.valid('json')),
        200,
      ),
    )
    .openapi(routes.getSettings, async (c) =>
      c.json(await services.campaigns.settings({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putSettings, async (c) =>
      c.json(
        await services.campaigns.saveSettings({ tenantId: c.var.principal.tenantId }, c.req.valid('json')),
        200,
      ),
    )
    .openapi(routes.get, async (c) => {
      const campaign = await services.campaigns.get({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
      });
      c.header('ETag', `"${campaign.version}"`);
      return c.json(campaign, 200);
    })
    .openapi(routes.update, async (c) => {
      const body = c.req.valid('json');
      const campaign = await services.campaigns.update(
        { ...actorOf(c.var.principal), ...c.req.valid('param') },
        body,
        expectedVersion(c.req.header('if-match'), body.version),
      );
      c.header('ETag', `"${campaign.version}"`);
      return c.json(campaign, 200);
    })
    .openapi(routes.remove, async (c) => {
      await services.campaigns.remove(
        { ...actorOf(c.var.principal), ...c.req.valid('param') },
        optionalExpectedVersion(c.req.header('if-match')),
      );
      return c.body(null, 204);
    })
    .openapi(routes.send, async (c) => {
      const result = await services.campaigns.send({ ...actorOf(c.var.principal), ...c.req.valid('param') });
      if (result.retryAfterSeconds !== null) c.header('Retry-After', String(result.retryAfterSeconds));
      return result.done ? c.json(result, 200) : c.json(result, 202);
    })
    .openapi(routes.results, async (c) =>
      c.json(
        await services.campaigns.results({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }),
        200,
      ),
    )
    .openapi(routes.publicGet, async (c) =>
      c.json(
        await services.campaigns.publicUnsubscribe(c.req.valid('param').link, {
          clientAddress: c.var.clientAddress,
        }),
        200,
      ),
    )
    .openapi(routes.publicUnsubscribe, async (c) =>
      c.json(
        await services.campaigns.unsubscribe(c.req.valid('param').link, {
          clientAddress: c.var.clientAddress,
        }),
        200,
      ),
    );
}
