import type { Services } from '@crm/app';
import {
  CustomerCreateSchema,
  CustomerKindSchema,
  FunnelSchema,
  idSchema,
  LeadCreateSchema,
  LeadGradeSchema,
  LeadPatchSchema,
  LeadSchema,
  LeadStatusSchema,
  LeadViewSchema,
  LostDealReportSchema,
  OpportunityCreateSchema,
  OpportunityDraftSchema,
  OpportunityLoseSchema,
  OpportunityPatchSchema,
  OpportunitySchema,
  OpportunityStatusSchema,
  OpportunityViewSchema,
  OpportunityWinSchema,
  SalesKeySchema,
  SalesSetupSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema } from './page-query.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const common = { tags: ['sales'] as ['sales'], security: bearerSecurity };

const LeadIdParam = z.object({ leadId: idSchema('a lead id') });
const OpportunityIdParam = z.object({ opportunityId: idSchema('an opportunity id') });

const Limit = z.coerce.number().int().min(1).max(200).default(50);
const Cursor = z.string().max(400).optional();
/** A window's first day: conversions and reports count deals from its start (UTC). */
const Since = z.iso
  .date('must be a date YYYY-MM-DD')
  .max(10)
  .optional()
  .transform((day) => (day === undefined ? undefined : `${day}T00:00:00.000Z`));

const LeadListQuery = z.strictObject({
  status: LeadStatusSchema.optional(),
  grade: LeadGradeSchema.optional(),
  source: z.string().trim().min(1).max(100).optional(),
  owner: idSchema('a user id').optional(),
  limit: Limit,
  cursor: Cursor,
});

const OpportunityListQuery = z.strictObject({
  status: OpportunityStatusSchema.optional(),
  stage: SalesKeySchema.optional(),
  pipeline: SalesKeySchema.optional(),
  /** A user id, or `none` for deals nobody owns. */
  owner: z.union([idSchema('a user id'), z.literal('none')]).optional(),
  customerId: idSchema('a customer id').optional(),
  limit: Limit,
  cursor: Cursor,
});

const FunnelQuery = z.strictObject({ pipeline: SalesKeySchema.optional(), since: Since });
const LostDealsQuery = z.strictObject({ pipeline: SalesKeySchema.optional(), since: Since });

const LeadPageSchema = cursorPageSchema('LeadPage', z.array(LeadSchema).max(200), { filtered: true });
const OpportunityPageSchema = cursorPageSchema('OpportunityPage', z.array(OpportunityViewSchema).max(200), {
  filtered: true,
});

const LeadConvertSchema = z
  .strictObject({
    opportunity: OpportunityDraftSchema,
    /** Link to this customer; without it the customer with the lead’s e-mail (or phone), else a new one. */
    customerId: idSchema('a customer id').optional(),
    /** For a new customer: its kind and the tenant’s custom fields (required ones included). */
    customer: z
      .strictObject({
        kind: CustomerKindSchema.optional(),
        customFields: CustomerCreateSchema.shape.customFields,
      })
      .optional(),
  })
  .openapi('LeadConvert');

const LeadConversionSchema = z
  .object({
    lead: LeadSchema,
    customerId: z.string(),
    opportunityId: z.string(),
    /** True when the lead was linked to a customer already in the book (by id, e-mail or phone). */
    linkedExisting: z.boolean(),
    opportunity: OpportunitySchema,
  })
  .openapi('LeadConversion');

const SalesSetupViewSchema = SalesSetupSchema.extend({
  version: z.number().int(),
  updatedAt: z.string().nullable(),
}).openapi('SalesSetupView');
const SalesSetupPutSchema = SalesSetupSchema.extend({
  version: z.number().int().min(0).max(1e9),
}).openapi('SalesSetupPut');

const versioned =
  '`version` (body) or `If-Match` is the version read: 409 when someone changed it since, 428 without one.';
const closing =
  'Only an open deal closes (409 otherwise). `version` or `If-Match` makes it conditional on the version read (409 when stale); without one it applies to the current deal.';

const routes = {
  listLeads: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/leads',
    operationId: 'listLeads',
    summary: 'Leads (销售线索), newest first',
    description: 'Filter by `status`, `grade`, `source` and `owner`; `nextCursor` continues the list.',
    request: { query: LeadListQuery },
    responses: { ...errorResponses(403), 200: jsonResponse(LeadPageSchema, 'Leads') },
  }),
  createLead: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/leads',
    operationId: 'createLead',
    summary: 'Record a lead, graded by the tenant’s rules',
    description:
      'Owned by the caller unless `ownerId` says otherwise; graded A/B/C by the tenant’s rules (`GET /v1/pipelines`) unless `grade` is given. `possibleDuplicates` lists live customers with the same e-mail or phone.',
    request: { body: jsonBody(LeadCreateSchema) },
    responses: { 201: jsonResponse(LeadViewSchema, 'The lead'), ...errorResponses(403) },
  }),
  getLead: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/leads/{leadId}',
    operationId: 'getLead',
    summary: 'One lead, with the customers it may duplicate',
    description: 'An open lead lists the live customers with its e-mail or phone in `possibleDuplicates`.',
    request: { params: LeadIdParam },
    responses: { ...errorResponses(403, 404), 200: jsonResponse(LeadViewSchema, 'The lead') },
  }),
  patchLead: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/leads/{leadId}',
    operationId: 'updateLead',
    summary: 'Change, re-grade or disqualify a lead',
    description: `\`null\` clears a field; \`grade: null\` hands grading back to the rules. A converted lead no longer changes (409). ${versioned}`,
    request: { params: LeadIdParam, body: jsonBody(LeadPatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(LeadViewSchema, 'The lead'), ...errorResponses(403, 404, 409, 428) },
  }),
  convertLead: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/leads/{leadId}/convert',
    operationId: 'convertLead',
    summary: 'Convert a lead: a customer and an opportunity in one step',
    description:
      'Links the lead to `customerId`, else to the live customer with its e-mail (or phone), else creates the customer from it; opens the deal in the pipeline’s first stage (or `opportunity.stage`). All or nothing, and once: a second conversion is 409.',
    request: { params: LeadIdParam, body: jsonBody(LeadConvertSchema) },
    responses: {
      201: jsonResponse(LeadConversionSchema, 'The converted lead, its customer and its deal'),
      ...errorResponses(403, 404, { 409: 'Already converted, or disqualified' }),
    },
  }),
  listOpportunities: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/opportunities',
    operationId: 'listOpportunities',
    summary: 'Opportunities (销售机会), newest first',
    description:
      'Filter by `status`, `stage`, `pipeline`, `owner` (a user id, or `none`) and `customerId`; each says whether it is `rotting`.',
    request: { query: OpportunityListQuery },
    responses: { ...errorResponses(403), 200: jsonResponse(OpportunityPageSchema, 'Opportunities') },
  }),
  createOpportunity: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/opportunities',
    operationId: 'createOpportunity',
    summary: 'Open a deal for a customer',
    description:
      'In the default pipeline (or `pipeline`), at its first stage (or `stage`); the customer must be live (400 otherwise).',
    request: { body: jsonBody(OpportunityCreateSchema) },
    responses: { 201: jsonResponse(OpportunityViewSchema, 'The opportunity'), ...errorResponses(403) },
  }),
  getOpportunity: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/opportunities/{opportunityId}',
    operationId: 'getOpportunity',
    summary: 'One opportunity with its stage history',
    description: 'Every stage visit with its times, and whether the deal is rotting now.',
    request: { params: OpportunityIdParam },
    responses: { ...errorResponses(403, 404), 200: jsonResponse(OpportunityViewSchema, 'The opportunity') },
  }),
  patchOpportunity: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/opportunities/{opportunityId}',
    operationId: 'updateOpportunity',
    summary: 'Edit or move an open deal',
    description: `A new \`stage\` moves the deal, recording the time it spent in the last one. Won and lost deals no longer change (409). ${versioned}`,
    request: { params: OpportunityIdParam, body: jsonBody(OpportunityPatchSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(OpportunityViewSchema, 'The opportunity'),
      ...errorResponses(403, 404, 409, 428),
    },
  }),
  winOpportunity: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/opportunities/{opportunityId}/win',
    operationId: 'winOpportunity',
    summary: 'Mark a deal won',
    description: closing,
    request: { params: OpportunityIdParam, body: jsonBody(OpportunityWinSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(OpportunityViewSchema, 'The deal, won'),
      ...errorResponses(403, 404, 409),
    },
  }),
  loseOpportunity: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/opportunities/{opportunityId}/lose',
    operationId: 'loseOpportunity',
    summary: 'Mark a deal lost, with the reason and the competitor (竞争丢单)',
    description: closing,
    request: { params: OpportunityIdParam, body: jsonBody(OpportunityLoseSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(OpportunityViewSchema, 'The deal, lost'),
      ...errorResponses(403, 404, 409),
    },
  }),
  getSetup: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/pipelines',
    operationId: 'getSalesSetup',
    summary: 'The pipelines, their stages and the lead-grading rules',
    description:
      'The first pipeline is the default (the funnel’s and new deals’). Version 0 is the default setup, until an admin saves one.',
    responses: { ...errorResponses(403), 200: jsonResponse(SalesSetupViewSchema, 'The sales setup') },
  }),
  putSetup: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/pipelines',
    operationId: 'putSalesSetup',
    summary: 'Replace the pipelines and grading rules (admin; `version` as read)',
    description:
      'Stage keys are unique per pipeline; a stage open deals are in cannot be removed (409). 409 too when `version` is not the current one.',
    request: { body: jsonBody(SalesSetupPutSchema) },
    responses: { 200: jsonResponse(SalesSetupViewSchema, 'The sales setup'), ...errorResponses(403, 409) },
  }),
  funnel: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/funnel',
    operationId: 'getFunnel',
    summary: 'The sales funnel (销售漏斗)',
    description:
      'Open deals per stage of the default pipeline (or `pipeline`) with count, amount and weighted amount in minor units; conversion between stages, average days in stage and win rate over the deals created since `since` (a year back by default); forecast by month of expected close.',
    request: { query: FunnelQuery },
    responses: { ...errorResponses(403), 200: jsonResponse(FunnelSchema, 'The funnel') },
  }),
  lostDeals: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/sales/lost-deals',
    operationId: 'getLostDealReport',
    summary: 'Lost deals by reason, competitor, stage and owner (竞争丢单)',
    description:
      'Deals lost since `since` (a year back by default), of one `pipeline` or all, grouped four ways, most first.',
    request: { query: LostDealsQuery },
    responses: { ...errorResponses(403), 200: jsonResponse(LostDealReportSchema, 'The report') },
  }),
};

export function salesRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  // Partners reach only the customers shared with them; shares do not cover sales.
  for (const path of [
    '/v1/leads',
    '/v1/leads/*',
    '/v1/opportunities',
    '/v1/opportunities/*',
    '/v1/pipelines',
    '/v1/funnel',
    '/v1/sales/*',
  ]) {
    app.use(path, forbidPartners());
  }
  app.on('PUT', '/v1/pipelines', requireAdmin());
  const salesActor = (principal: AppEnv['Variables']['principal']) => ({
    ...actorOf(principal),
    userId: principal.kind === 'user' ? principal.userId : null,
  });
  const tenantOf = (principal: AppEnv['Variables']['principal']) => ({ tenantId: principal.tenantId });
  return app
    .openapi(routes.listLeads, async (c) => {
      const { owner, ...query } = c.req.valid('query');
      const page = await services.leads.list(tenantOf(c.var.principal), {
        ...query,
        ...(owner ? { ownerId: owner } : {}),
      });
      return c.json(page, 200);
    })
    .openapi(routes.createLead, async (c) =>
      c.json(await services.leads.create(salesActor(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.getLead, async (c) =>
      c.json(await services.leads.get(tenantOf(c.var.principal), c.req.valid('param').leadId), 200),
    )
    .openapi(routes.patchLead, async (c) => {
      const { version, ...patch } = c.req.valid('json');
      return c.json(
        await services.leads.update(actorOf(c.var.principal), c.req.valid('param').leadId, {
          patch,
          expectedVersion: expectedVersion(c.req.header('if-match'), version),
        }),
        200,
      );
    })
    .openapi(routes.convertLead, async (c) =>
      c.json(
        await services.leads.convert(
          salesActor(c.var.principal),
          c.req.valid('param').leadId,
          c.req.valid('json'),
        ),
        201,
      ),
    )
    .openapi(routes.listOpportunities, async (c) => {
      const { owner, ...query } = c.req.valid('query');
      const page = await services.opportunities.list(tenantOf(c.var.principal), {
        ...query,
        ...(owner ? { ownerId: owner === 'none' ? null : owner } : {}),
      });
      return c.json(page, 200);
    })
    .openapi(routes.createOpportunity, async (c) =>
      c.json(await services.opportunities.create(salesActor(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.getOpportunity, async (c) =>
      c.json(
        await services.opportunities.get(tenantOf(c.var.principal), c.req.valid('param').opportunityId),
        200,
      ),
    )
    .openapi(routes.patchOpportunity, async (c) => {
      const { version, ...patch } = c.req.valid('json');
      return c.json(
        await services.opportunities.update(actorOf(c.var.principal), c.req.valid('param').opportunityId, {
          patch,
          expectedVersion: expectedVersion(c.req.header('if-match'), version),
        }),
        200,
      );
    })
    .openapi(routes.winOpportunity, async (c) => {
      const { version, ...input } = c.req.valid('json');
      const ifMatch = c.req.header('if-match');
      return c.json(
        await services.opportunities.win(actorOf(c.var.principal), c.req.valid('param').opportunityId, {
          ...input,
          ...(ifMatch !== undefined || version !== undefined
            ? { expectedVersion: expectedVersion(ifMatch, version) }
            : {}),
        }),
        200,
      );
    })
    .openapi(routes.loseOpportunity, async (c) => {
      const { version, ...input } = c.req.valid('json');
      const ifMatch = c.req.header('if-match');
      return c.json(
        await services.opportunities.lose(actorOf(c.var.principal), c.req.valid('param').opportunityId, {
          ...input,
          ...(ifMatch !== undefined || version !== undefined
            ? { expectedVersion: expectedVersion(ifMatch, version) }
            : {}),
        }),
        200,
      );
    })
    .openapi(routes.getSetup, async (c) =>
      c.json(await services.salesSetup.get(tenantOf(c.var.principal)), 200),
    )
    .openapi(routes.putSetup, async (c) => {
      const { version, ...setup } = c.req.valid('json');
      return c.json(
        await services.salesSetup.put(actorOf(c.var.principal), { setup, expectedVersion: version }),
        200,
      );
    })
    .openapi(routes.funnel, async (c) => {
      const { pipeline, since } = c.req.valid('query');
      return c.json(
        await services.opportunities.funnel(tenantOf(c.var.principal), {
          ...(pipeline ? { pipeline } : {}),
          ...(since ? { since } : {}),
        }),
        200,
      );
    })
    .openapi(routes.lostDeals, async (c) => {
      const { since, pipeline } = c.req.valid('query');
      return c.json(
        await services.opportunities.lostDeals(tenantOf(c.var.principal), {
          ...(since ? { since } : {}),
          ...(pipeline ? { pipeline } : {}),
        }),
        200,
      );
    });
}
