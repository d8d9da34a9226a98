import type { Services } from '@crm/app';
import {
  CustomerSchema,
  idSchema,
  SegmentCountSchema,
  SegmentFilterSchema,
  SegmentInputSchema,
  SegmentPatchSchema,
  SegmentSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema, pageQueryShape } from './page-query.js';
import { expectedVersion, IfMatchHeader, optionalExpectedVersion } from './version-precondition.js';

const common = { tags: ['segments'] as ['segments'], security: bearerSecurity };

const SegmentIdParam = z.object({ segmentId: idSchema('a segment id') });
const ListQuerySchema = z.strictObject({
  ...pageQueryShape(),
});
const MembersQuerySchema = z.strictObject({
  ...pageQueryShape(4000),
});
const CountedSegmentSchema = SegmentSchema.extend(SegmentCountSchema.shape).openapi('CountedSegment');
const SegmentPageSchema = cursorPageSchema('SegmentPage', z.array(SegmentSchema).max(200));
const SegmentMembersSchema = cursorPageSchema('SegmentMembers', z.array(CustomerSchema).max(200));

const countNote =
  'A book of 2,000 customers or more is counted from the tenant’s customer figures snapshot (refreshed nightly, ' +
  '`source: snapshot`, `asOf` its instant: a customer changed since counts from the next refresh); a smaller one ' +
  'live over the customer list (as GET /v1/customers reads it, never a scan; `source: live`, `asOf` null). Beyond 30,000 ' +
  'customers read live (60,000 in a snapshot), `capped` is true and `count` is a lower bound.';

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/segments',
    operationId: 'listSegments',
    summary: 'Saved segments (客户细分), newest first',
    description: 'Name, description and filter of each; GET one for its live count.',
    request: { query: ListQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(SegmentPageSchema, 'A page of segments') },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/segments',
    operationId: 'createSegment',
    summary: 'Save a segment',
    description:
      'A filter over the customer book: new vs returning buyers, status (active / dormant …), lifecycle stage, ABC ' +
      'value class, RFM segment, P(alive) and CLV ranges, tags, owner, one custom field; every condition must hold. ' +
      countNote,
    request: { body: jsonBody(SegmentInputSchema) },
    responses: {
      201: jsonResponse(CountedSegmentSchema, 'The segment and its count'),
      ...errorResponses(403),
    },
  }),
  preview: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/segments/preview',
    operationId: 'previewSegment',
    summary: 'Count the customers an unsaved filter matches (the builder’s live count)',
    description: countNote,
    request: { body: jsonBody(SegmentFilterSchema) },
    responses: { 200: jsonResponse(SegmentCountSchema, 'The count'), ...errorResponses(403) },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/segments/{segmentId}',
    operationId: 'getSegment',
    summary: 'One segment with its live count',
    description: countNote,
    request: { params: SegmentIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(CountedSegmentSchema, 'The segment') },
  }),
  count: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/segments/{segmentId}/count',
    operationId: 'countSegment',
    summary: 'How many customers are in the segment now',
    description: countNote,
    request: { params: SegmentIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(SegmentCountSchema, 'The count') },
  }),
  members: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/segments/{segmentId}/members',
    operationId: 'listSegmentMembers',
    summary: 'The segment’s customers, a page at a time (oldest customer first)',
    description:
      'A page holds at most `limit` customers and may hold fewer (even none) when few match; follow `nextCursor` ' +
      'until it is null.',
    request: { params: SegmentIdParam, query: MembersQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(SegmentMembersSchema, 'A page of members') },
  }),
  update: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/segments/{segmentId}',
    operationId: 'updateSegment',
    summary: 'Change a segment (If-Match or body version required)',
    description: 'Name, description (null clears it) or filter. 409 stale, 428 without a version.',
    request: { params: SegmentIdParam, body: jsonBody(SegmentPatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(CountedSegmentSchema, 'The segment'), ...errorResponses(403, 409, 428) },
  }),
  remove: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/segments/{segmentId}',
    operationId: 'deleteSegment',
    summary: 'Delete a segment (with If-Match, only at that version)',
    description: 'Campaigns already sent keep their results; a draft campaign of it can no longer be sent.',
    request: { params: SegmentIdParam, headers: IfMatchHeader },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 409) },
  }),
};

export function segmentRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/segments', forbidPartners());
  app.use('/v1/segments/*', forbidPartners());
  return app
    .openapi(routes.list, async (c) => {
      const page = await services.segments.list({ tenantId: c.var.principal.tenantId }, c.req.valid('query'));
      return c.json({ items: page.items, nextCursor: page.cursor }, 200);
    })
    .openapi(routes.create, async (c) => {
      const segment = await services.segments.create(actorOf(c.var.principal), c.req.valid('json'));
      c.header('ETag', `"${segment.version}"`);
      return c.json(segment, 201);
    })
    .openapi(routes.preview, async (c) =>
      c.json(
        await services.segments.preview({ tenantId: c.var.principal.tenantId }, c.req.valid('json')),
        200,
      ),
    )
    .openapi(routes.get, async (c) => {
      const segment = await services.segments.getCounted({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
      });
      c.header('ETag', `"${segment.version}"`);
      return c.json(segment, 200);
    })
    .openapi(routes.count, async (c) => {
      const { tenantId } = c.var.principal;
      const segment = await services.segments.get({ tenantId, ...c.req.valid('param') });
      return c.json(await services.segments.countFilter(tenantId, segment.filter), 200);
    })
    .openapi(routes.members, async (c) =>
      c.json(
        await services.segments.members(
          { tenantId: c.var.principal.tenantId, ...c.req.valid('param') },
          c.req.valid('query'),
        ),
        200,
      ),
    )
    .openapi(routes.update, async (c) => {
      const body = c.req.valid('json');
      const segment = await services.segments.update(
        { ...actorOf(c.var.principal), ...c.req.valid('param') },
        body,
        expectedVersion(c.req.header('if-match'), body.version),
      );
      c.header('ETag', `"${segment.version}"`);
      return c.json(segment, 200);
    })
    .openapi(routes.remove, async (c) => {
      await services.segments.remove(
        { ...actorOf(c.var.principal), ...c.req.valid('param') },
        optionalExpectedVersion(c.req.header('if-match')),
      );
      return c.body(null, 204);
    });
}
