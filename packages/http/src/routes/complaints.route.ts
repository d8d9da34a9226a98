import type { Services } from '@crm/app';
import {
  ComplaintCreateSchema,
  ComplaintFollowUpRecordSchema,
  ComplaintSlaPolicySchema,
  ComplaintStepSchema,
  ComplaintTransitionRequestSchema,
  ComplaintViewSchema,
  CustomerSatisfactionSchema,
  DepartmentInputSchema,
  DepartmentSchema,
  DomainError,
  ErrorBodySchema,
  idSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';
import { cursorPageSchema, pageQueryShape } from './page-query.js';

const common = { tags: ['complaints'] as ['complaints'], security: bearerSecurity };

const ComplaintIdParam = z.object({ complaintId: idSchema('a complaint id') });
const DepartmentIdParam = z.object({ departmentId: idSchema('a department id') });

const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const ListQuerySchema = z.strictObject({
  ...pageQueryShape(),
  step: ComplaintStepSchema.optional(),
  /** `true`: any step but closed and rejected. */
  open: Flag.optional(),
  overdue: Flag.optional(),
  customerId: idSchema('a customer id').optional(),
  department: idSchema('a department id').optional(),
});

const ComplaintPageSchema = cursorPageSchema('ComplaintPage', z.array(ComplaintViewSchema).max(200));

/** The 409 of a step that is not next: the error, and the steps that are (also in `error.details`). */
const StepConflictSchema = ErrorBodySchema.extend({
  allowed: z.array(ComplaintStepSchema).optional(),
}).openapi('ComplaintStepConflict');

const ComplaintPolicyViewSchema = z
  .object({ policy: ComplaintSlaPolicySchema, version: z.number().int(), updatedAt: z.string().nullable() })
  .openapi('ComplaintPolicyView');
const ComplaintPolicyPutSchema = z
  .strictObject({ policy: ComplaintSlaPolicySchema, version: z.number().int().min(0).max(1e9) })
  .openapi('ComplaintPolicyPut');
const DepartmentPutSchema = DepartmentInputSchema.extend({
  version: z.number().int().min(1).max(1e9),
}).openapi('DepartmentPut');

const routes = {
  record: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/complaints',
    operationId: 'recordComplaint',
    summary: 'Record a complaint (记录投诉): step 1 of 8',
    description:
      'Records the complaint at step `recorded` with its SLA running, and puts it on the customer’s ' +
      'timeline (an interaction of type `complaint` with the same id). An unknown customer is 404, ' +
      'an archived one 409; nothing is written either way.',
    request: { body: jsonBody(ComplaintCreateSchema) },
    responses: {
      201: jsonResponse(ComplaintViewSchema, 'The complaint'),
      ...errorResponses(403, { 404: 'No such customer (nothing was written)' }, 409),
    },
  }),
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/complaints',
    operationId: 'listComplaints',
    summary: 'Complaints, newest first, by step, overdue, customer or department (paged)',
    description:
      'Filters combine. `overdue=true`: open complaints past their step’s SLA. `nextCursor` is null on the last page.',
    request: { query: ListQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(ComplaintPageSchema, 'A page of complaints') },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/complaints/{complaintId}',
    operationId: 'getComplaint',
    summary: 'A complaint with its whole trail and the moves the caller may make',
    description:
      'Every step taken (who, when, with what), escalations, and `next`: the legal moves for the caller.',
    request: { params: ComplaintIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(ComplaintViewSchema, 'The complaint') },
  }),
  followUp: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/complaints/{complaintId}/follow-up',
    operationId: 'recordComplaintFollowUp',
    summary: 'Record how the service-recovery call went (服务补救回访) on a closed complaint',
    description:
      '`outcome` won_back, still_unhappy or unreachable, an optional `note`; once, on a closed complaint whose ' +
      'follow-up is scheduled (else 409). Owners, admins and members; `version` optional: the version read.',
    request: { params: ComplaintIdParam, body: jsonBody(ComplaintFollowUpRecordSchema) },
    responses: { 200: jsonResponse(ComplaintViewSchema, 'The complaint'), ...errorResponses(403, 404, 409) },
  }),
  transition: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/complaints/{complaintId}/transitions',
    operationId: 'transitionComplaint',
    summary: 'Move a complaint to its next step, with the fields that step needs',
    description:
      'A step that is not next answers 409 with `allowed`, the legal next steps. Fields per step: ' +
      'rejected `rejectionReason`; assigned `departmentId`; analysed `cause` (or, from proposed, a ' +
      'supervisor’s `comment` sending the proposal back); proposed `resolution`; approved ' +
      '(supervisor: owner or admin) `comment` optional; carried_out `actions`, `customerNotified: true`, ' +
      '`customerFeedback`; closed `rating` 1–5 and `evaluation`. `version` optional: the version read.',
    request: { params: ComplaintIdParam, body: jsonBody(ComplaintTransitionRequestSchema) },
    responses: {
      200: jsonResponse(ComplaintViewSchema, 'The complaint after the step'),
      ...errorResponses(403),
      409: jsonResponse(
        StepConflictSchema,
        'The step is not next (`allowed` lists the legal ones), or the complaint changed meanwhile',
      ),
    },
  }),
  satisfaction: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/satisfaction',
    operationId: 'getCustomerSatisfaction',
    summary: 'The customer’s satisfaction (满意度): closed complaints’ ratings and service follow-up scores',
    description:
      'How many ratings there are (reviewed complaints and service requests followed up), the mean (1–5) and the latest.',
    request: { params: CustomerIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(CustomerSatisfactionSchema, 'The figure') },
  }),
  departments: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/complaints/departments',
    operationId: 'listDepartments',
    summary: 'The departments complaints are assigned to (责任部门), with their members',
    description: 'Sorted by name.',
    responses: {
      ...errorResponses(403),
      200: jsonResponse(z.object({ items: z.array(DepartmentSchema) }), 'Departments'),
    },
  }),
  createDepartment: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/complaints/departments',
    operationId: 'createDepartment',
    summary: 'Add a department (admin)',
    description: 'Members are the tenant’s user ids; an unknown one is a 400 naming it.',
    request: { body: jsonBody(DepartmentInputSchema) },
    responses: { 201: jsonResponse(DepartmentSchema, 'The department'), ...errorResponses(403) },
  }),
  updateDepartment: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/complaints/departments/{departmentId}',
    operationId: 'updateDepartment',
    summary: 'Rename a department or change its members (admin; `version` as read)',
    description: 'Replaces name and members if `version` is the current one; otherwise 409.',
    request: { params: DepartmentIdParam, body: jsonBody(DepartmentPutSchema) },
    responses: { 200: jsonResponse(DepartmentSchema, 'The department'), ...errorResponses(403, 409) },
  }),
  removeDepartment: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/complaints/departments/{departmentId}',
    operationId: 'deleteDepartment',
    summary: 'Remove a department (admin)',
    description: 'Complaints already assigned to it keep the id in their trail.',
    request: { params: DepartmentIdParam },
    responses: { 204: { description: 'Removed' } },
  }),
  policy: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/complaints/sla-policy',
    operationId: 'getComplaintSlaPolicy',
    summary: 'The tenant’s complaint SLAs: hours per step per severity, and the follow-up delay',
    description: 'The default until an admin saves one (`version` 0).',
    responses: { ...errorResponses(403), 200: jsonResponse(ComplaintPolicyViewSchema, 'The policy') },
  }),
  putPolicy: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/complaints/sla-policy',
    operationId: 'putComplaintSlaPolicy',
    summary: 'Change the complaint SLAs (admin; `version` as read, 0 for the first)',
    description: 'Applies to each complaint from its next step on (the running step keeps its due time).',
    request: { body: jsonBody(ComplaintPolicyPutSchema) },
    responses: { 200: jsonResponse(ComplaintPolicyViewSchema, 'The policy'), ...errorResponses(403, 409) },
  }),
};

export function complaintRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/complaints', forbidPartners());
  app.use('/v1/complaints/*', forbidPartners());
  app.use('/v1/customers/:customerId/satisfaction', forbidPartners());
  app.on('POST', '/v1/complaints/departments', requireAdmin());
  app.on(['PUT', 'DELETE'], '/v1/complaints/departments/*', requireAdmin());
  app.on('PUT', '/v1/complaints/sla-policy', requireAdmin());
  const caller = (principal: AppEnv['Variables']['principal']) => ({
    ...actorOf(principal),
    role: principal.role,
  });
  return app
    .openapi(routes.departments, async (c) =>
      c.json({ items: await services.complaints.departments({ tenantId: c.var.principal.tenantId }) }, 200),
    )
    .openapi(routes.createDepartment, async (c) =>
      c.json(await services.complaints.createDepartment(caller(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.updateDepartment, async (c) =>
      c.json(
        await services.complaints.updateDepartment(
          caller(c.var.principal),
          c.req.valid('param').departmentId,
          c.req.valid('json'),
        ),
        200,
      ),
    )
    .openapi(routes.removeDepartment, async (c) => {
      await services.complaints.removeDepartment(caller(c.var.principal), c.req.valid('param').departmentId);
      return c.body(null, 204);
    })
    .openapi(routes.policy, async (c) =>
      c.json(await services.complaints.policy({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putPolicy, async (c) => {
      const { policy, version } = c.req.valid('json');
      return c.json(
        await services.complaints.putPolicy(caller(c.var.principal), { policy, expectedVersion: version }),
        200,
      );
    })
    .openapi(routes.record, async (c) =>
      c.json(await services.complaints.record(caller(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.list, async (c) => {
      const { department, limit, cursor, step, open, overdue, customerId } = c.req.valid('query');
      const page = await services.complaints.list(
        { tenantId: c.var.principal.tenantId },
        {
          limit,
          ...(cursor ? { cursor } : {}),
          ...(step ? { step } : {}),
          ...(open !== undefined ? { open } : {}),
          ...(overdue !== undefined ? { overdue } : {}),
          ...(customerId ? { customerId } : {}),
          ...(department ? { departmentId: department } : {}),
        },
      );
      return c.json({ items: page.items, nextCursor: page.cursor }, 200);
    })
    .openapi(routes.get, async (c) =>
      c.json(await services.complaints.get({ ...caller(c.var.principal), ...c.req.valid('param') }), 200),
    )
    .openapi(routes.followUp, async (c) =>
      c.json(
        await services.complaints.recordFollowUp(
          { ...caller(c.var.principal), ...c.req.valid('param') },
          c.req.valid('json'),
        ),
        200,
      ),
    )
    .openapi(routes.transition, async (c) => {
      try {
        const complaint = await services.complaints.transition(
          { ...caller(c.var.principal), ...c.req.valid('param') },
          c.req.valid('json'),
        );
        return c.json(complaint, 200);
      } catch (error) {
        const allowed = error instanceof DomainError ? error.details?.allowed : undefined;
        if (error instanceof DomainError && error.code === 'invalid_state' && Array.isArray(allowed)) {
          const steps = ComplaintStepSchema.array().parse(allowed);
          return c.json(
            {
              error: { code: error.code, message: error.message, details: { allowed: steps } },
              allowed: steps,
            },
            409,
          );
        }
        throw error;
      }
    })
    .openapi(routes.satisfaction, async (c) =>
      c.json(
        await services.complaints.satisfaction({
          tenantId: c.var.principal.tenantId,
          ...c.req.valid('param'),
        }),
        200,
      ),
    );
}
