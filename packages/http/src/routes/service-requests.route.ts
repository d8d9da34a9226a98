import type { Services } from '@crm/app';
import {
  DomainError,
  ErrorBodySchema,
  idSchema,
  ServiceInstantSchema,
  ServiceRequestCreateSchema,
  ServiceRequestStatusSchema,
  ServiceRequestViewSchema,
  ServiceSlaPolicySchema,
  ServiceTransitionRequestSchema,
  ServiceVisitInputSchema,
  ServiceVisitPatchSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema } from './page-query.js';
import { expectedVersion, IfMatchHeader, optionalExpectedVersion } from './version-precondition.js';

const common = { tags: ['service'] as ['service'], security: bearerSecurity };

const RequestIdParam = z.object({ requestId: idSchema('a service request id') });
const VisitParams = RequestIdParam.extend({ visitId: idSchema('a visit id') });
const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
  status: ServiceRequestStatusSchema.optional(),
  /** `true`: neither followed up nor cancelled. */
  open: Flag.optional(),
  customerId: idSchema('a customer id').optional(),
  /** A user (technician, partner) or a department id: the requests assigned to it. */
  assignee: idSchema('a user or department id').optional(),
  /** `true`: assigned to the caller or to a team the caller is in. */
  mine: Flag.optional(),
  /** With `to`: requests with a visit in [from, to) (the technician calendar). */
  from: ServiceInstantSchema.optional(),
  to: ServiceInstantSchema.optional(),
  /** `true`: open and past the status's SLA (or escalated); `false`: on time. */
  overdue: Flag.optional(),
});

const ServiceSlaPolicyViewSchema = z
  .object({ policy: ServiceSlaPolicySchema, version: z.number().int(), updatedAt: z.string().nullable() })
  .openapi('ServiceSlaPolicyView');
const ServiceSlaPolicyPutSchema = z
  .strictObject({ policy: ServiceSlaPolicySchema, version: z.number().int().min(0).max(1e9) })
  .openapi('ServiceSlaPolicyPut');

const ServiceRequestPageSchema = cursorPageSchema(
  'ServiceRequestPage',
  z.array(ServiceRequestViewSchema).max(200),
);

/** The 409 of a status that is not next: the error, and the statuses that are (also in `error.details`). */
const StatusConflictSchema = ErrorBodySchema.extend({
  allowed: z.array(ServiceRequestStatusSchema).optional(),
}).openapi('ServiceStatusConflict');

const partnerNote =
  ' Partners see and work only the requests dispatched to them (any other is a 404 to them).';

const routes = {
  policy: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/service-requests/sla-policy',
    operationId: 'getServiceSlaPolicy',
    summary: 'The tenant’s service SLAs: hours per open status per priority',
    description:
      'How long a request may wait received (to be planned), planned (dispatched), dispatched ' +
      '(started), in progress (resolved) and resolved (followed up, 回访), per priority. The default ' +
      'until an admin saves one (`version` 0). Partners: 403.',
    responses: { ...errorResponses(403), 200: jsonResponse(ServiceSlaPolicyViewSchema, 'The policy') },
  }),
  putPolicy: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/service-requests/sla-policy',
    operationId: 'putServiceSlaPolicy',
    summary: 'Change the service SLAs (admin; `version` as read, 0 for the first)',
    description: 'Applies to each request from its next status on (the running status keeps its due time).',
    request: { body: jsonBody(ServiceSlaPolicyPutSchema) },
    responses: { 200: jsonResponse(ServiceSlaPolicyViewSchema, 'The policy'), ...errorResponses(403, 409) },
  }),
  receive: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/service-requests',
    operationId: 'receiveServiceRequest',
    summary: 'Receive a service request (受理)',
    description:
      'Records the request at `received` and puts it on the customer’s timeline (an interaction of ' +
      'type `service` with the same id). An unknown customer is 404, an archived one 409; nothing ' +
      'is written either way. Partners cannot receive requests (403).',
    request: { body: jsonBody(ServiceRequestCreateSchema) },
    responses: {
      201: jsonResponse(ServiceRequestViewSchema, 'The service request'),
      ...errorResponses(403, { 404: 'No such customer (nothing was written)' }, 409),
    },
  }),
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/service-requests',
    operationId: 'listServiceRequests',
    summary: 'Service requests, newest first: by status, assignee, customer, or visits in a week',
    description:
      'Filters combine. `mine=true`: assigned to the caller or the caller’s teams. `overdue=true`: ' +
      'open and past the status’s SLA (each item’s `overdue` says the same). `from`/`to`: ' +
      `requests with a visit in the window (the calendar). \`nextCursor\` is null on the last page.${partnerNote}`,
    request: { query: ListQuerySchema },
    responses: { 200: jsonResponse(ServiceRequestPageSchema, 'A page of service requests') },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/service-requests/{requestId}',
    operationId: 'getServiceRequest',
    summary: 'A service request with its visits, whole trail and the moves the caller may make',
    description: `Every step taken (who, when, with what), the visits, result and follow-up, and \`next\`.${partnerNote}`,
    request: { params: RequestIdParam },
    responses: { 200: jsonResponse(ServiceRequestViewSchema, 'The service request') },
  }),
  transition: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/service-requests/{requestId}/transitions',
    operationId: 'transitionServiceRequest',
    summary: 'Move a service request to its next status, with the fields that step needs',
    description:
      'A status that is not next answers 409 with `allowed`. Fields per step: planned ' +
      '`scheduledStart`, `scheduledEnd` (`notes`) — the first visit; dispatched `assignee` ' +
      '({kind: user|partner, userId} or {kind: team, departmentId}); in_progress (`note`; the ' +
      'assignee or head office); resolved `result` (the assignee or head office; needs a visit); ' +
      'followed_up (回访, owner or admin) `score` 1–5, `note`, `method` call|visit — the score feeds ' +
      'the customer’s satisfaction; cancelled (owner or admin) `reason`. `version` or If-Match: the ' +
      `version read (optional).${partnerNote}`,
    request: {
      params: RequestIdParam,
      body: jsonBody(ServiceTransitionRequestSchema),
      headers: IfMatchHeader,
    },
    responses: {
      200: jsonResponse(ServiceRequestViewSchema, 'The service request after the step'),
      ...errorResponses(403),
      409: jsonResponse(
        StatusConflictSchema,
        'The status is not next (`allowed` lists the legal ones), or the request changed meanwhile',
      ),
    },
  }),
  addVisit: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/service-requests/{requestId}/visits',
    operationId: 'addServiceVisit',
    summary: 'Plan or record a visit (start, end, notes, technician)',
    description:
      'While the request is planned, dispatched or in progress: the desk while planned, then the ' +
      `assignee or head office. \`version\` or If-Match optional.${partnerNote}`,
    request: { params: RequestIdParam, body: jsonBody(ServiceVisitInputSchema), headers: IfMatchHeader },
    responses: {
      201: jsonResponse(ServiceRequestViewSchema, 'The service request with the visit'),
      ...errorResponses(403, 409),
    },
  }),
  updateVisit: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/service-requests/{requestId}/visits/{visitId}',
    operationId: 'updateServiceVisit',
    summary: 'Move a visit or change its notes or technician (If-Match or body version required)',
    description: `Against the request’s version read: 409 when stale, 428 without one.${partnerNote}`,
    request: { params: VisitParams, body: jsonBody(ServiceVisitPatchSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(ServiceRequestViewSchema, 'The service request with the visit changed'),
      ...errorResponses(403, 409, 428),
    },
  }),
};

export function serviceRequestRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.on('POST', '/v1/service-requests', forbidPartners());
  app.use('/v1/service-requests/sla-policy', forbidPartners());
  app.on('PUT', '/v1/service-requests/sla-policy', requireAdmin());
  const caller = (principal: AppEnv['Variables']['principal']) => ({
    ...actorOf(principal),
    role: principal.role,
  });
  return app
    .openapi(routes.policy, async (c) =>
      c.json(await services.serviceRequests.policy({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putPolicy, async (c) => {
      const { policy, version } = c.req.valid('json');
      return c.json(
        await services.serviceRequests.putPolicy(caller(c.var.principal), {
          policy,
          expectedVersion: version,
        }),
        200,
      );
    })
    .openapi(routes.receive, async (c) =>
      c.json(await services.serviceRequests.receive(caller(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.list, async (c) => {
      const { limit, cursor, status, open, customerId, assignee, mine, from, to, overdue } =
        c.req.valid('query');
      const page = await services.serviceRequests.list(caller(c.var.principal), {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(status ? { status } : {}),
        ...(open !== undefined ? { open } : {}),
        ...(customerId ? { customerId } : {}),
        ...(assignee ? { assignee } : {}),
        ...(mine !== undefined ? { mine } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(overdue !== undefined ? { overdue } : {}),
      });
      return c.json({ items: page.items, nextCursor: page.cursor }, 200);
    })
    .openapi(routes.get, async (c) =>
      c.json(
        await services.serviceRequests.get({ ...caller(c.var.principal), ...c.req.valid('param') }),
        200,
      ),
    )
    .openapi(routes.transition, async (c) => {
      try {
        const request = await services.serviceRequests.transition(
          { ...caller(c.var.principal), ...c.req.valid('param') },
          c.req.valid('json'),
          optionalExpectedVersion(c.req.header('if-match')),
        );
        return c.json(request, 200);
      } catch (error) {
        const allowed = error instanceof DomainError ? error.details?.allowed : undefined;
        if (error instanceof DomainError && error.code === 'invalid_state' && Array.isArray(allowed)) {
          const statuses = ServiceRequestStatusSchema.array().parse(allowed);
          return c.json(
            {
              error: { code: error.code, message: error.message, details: { allowed: statuses } },
              allowed: statuses,
            },
            409,
          );
        }
        throw error;
      }
    })
    .openapi(routes.addVisit, async (c) =>
      c.json(
        await services.serviceRequests.addVisit(
          { ...caller(c.var.principal), ...c.req.valid('param') },
          c.req.valid('json'),
          optionalExpectedVersion(c.req.header('if-match')),
        ),
        201,
      ),
    )
    .openapi(routes.updateVisit, async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await services.serviceRequests.updateVisit(
          { ...caller(c.var.principal), ...c.req.valid('param') },
          body,
          expectedVersion(c.req.header('if-match'), body.version),
        ),
        200,
      );
    });
}
