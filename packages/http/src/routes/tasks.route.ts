import type { Services } from '@crm/app';
import {
  idSchema,
  isAdmin,
  TaskCompleteSchema,
  TaskCreateSchema,
  TaskKindSchema,
  TaskPolicySchema,
  TaskReassignSchema,
  TaskSchema,
  TaskSnoozeSchema,
  TaskStatusSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema, pageQueryShape } from './page-query.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const common = { tags: ['tasks'] as ['tasks'], security: bearerSecurity };

const TaskIdParam = z.object({ taskId: idSchema('a task id') });

const TaskListQuery = z.strictObject({
  status: TaskStatusSchema.optional().openapi({ param: { name: 'status', in: 'query' } }),
  /** A user id, or `none` for the team's unassigned tasks. */
  assignee: z
    .union([idSchema('a user id'), z.literal('none')])
    .optional()
    .openapi({ param: { name: 'assignee', in: 'query' } }),
  /** `true`: the caller's own tasks (overrides `assignee`). */
  mine: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .openapi({ param: { name: 'mine', in: 'query' } }),
  kind: TaskKindSchema.optional().openapi({ param: { name: 'kind', in: 'query' } }),
  customerId: idSchema('a customer id')
    .optional()
    .openapi({ param: { name: 'customerId', in: 'query' } }),
  ...pageQueryShape(),
});

const TaskPageSchema = cursorPageSchema('TaskPage', z.array(TaskSchema), { filtered: true });

const TaskPolicyViewSchema = z
  .object({ policy: TaskPolicySchema, version: z.number().int(), updatedAt: z.string().nullable() })
  .openapi('TaskPolicyView');
const TaskPolicyPutSchema = z
  .strictObject({ policy: TaskPolicySchema, version: z.number().int().min(0).max(1e9) })
  .openapi('TaskPolicyPut');

const versioned =
  '`version` (body) or `If-Match` is the version read; 409 when someone changed the task since (or it is done), 428 without one.';

const routes = {
  policy: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/tasks/policy',
    operationId: 'getTaskPolicy',
    summary: 'Which care reminders the tenant wants, and how early',
    description:
      'Kinds on or off, lead days and the anniversary date fields; the default until an admin saves one.',
    responses: { ...errorResponses(403), 200: jsonResponse(TaskPolicyViewSchema, 'The policy') },
  }),
  putPolicy: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/tasks/policy',
    operationId: 'putTaskPolicy',
    summary: 'Change the care reminders (admin; `version` as read, 0 for the first)',
    description:
      'Replaces the policy if `version` is the one read (0 before the first save); the next nightly pass and overdue receivable follow it.',
    request: { body: jsonBody(TaskPolicyPutSchema) },
    responses: { 200: jsonResponse(TaskPolicyViewSchema, 'The policy'), ...errorResponses(403, 409) },
  }),
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/tasks',
    operationId: 'listTasks',
    summary: 'Care reminders (关怀提醒): re-order, 催付, birthdays and anniversaries, by due day',
    description:
      'Filter by `status`, `assignee` (a user id, or `none`), `mine=true`, `kind` and `customerId`; `nextCursor` continues the list.',
    request: { query: TaskListQuery },
    responses: { ...errorResponses(403), 200: jsonResponse(TaskPageSchema, 'Tasks') },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/tasks',
    operationId: 'createTask',
    summary: 'Write down a follow-up for a customer (回访): what, by which day, for whom',
    description:
      "Kind `follow_up`, its title in `details.title`. For the caller unless `assigneeId` names another active user (an API key's task without one is the team's). 404 for a customer the tenant does not have, 400 for such an assignee; 409 for an archived customer.",
    request: { body: jsonBody(TaskCreateSchema) },
    responses: { 201: jsonResponse(TaskSchema, 'The task'), ...errorResponses(403, 404, 409) },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/tasks/{taskId}',
    operationId: 'getTask',
    summary: 'One task',
    description: 'The task with its figures, who has it and what was done.',
    request: { params: TaskIdParam },
    responses: { ...errorResponses(403, 404), 200: jsonResponse(TaskSchema, 'The task') },
  }),
  complete: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/tasks/{taskId}/complete',
    operationId: 'completeTask',
    summary: 'Mark a task done, with an optional note',
    description: `Records who and when. ${versioned}`,
    request: { params: TaskIdParam, body: jsonBody(TaskCompleteSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(TaskSchema, 'The task'), ...errorResponses(404, 409, 428) },
  }),
  snooze: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/tasks/{taskId}/snooze',
    operationId: 'snoozeTask',
    summary: 'Snooze a task until a time in the future',
    description: `The task is \`snoozed\` with \`snoozedUntil\`; the nightly pass opens it again after. ${versioned}`,
    request: { params: TaskIdParam, body: jsonBody(TaskSnoozeSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(TaskSchema, 'The task'), ...errorResponses(404, 409, 428) },
  }),
  reassign: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/tasks/{taskId}/reassign',
    operationId: 'reassignTask',
    summary: 'Give a task to another active user of the tenant',
    description: `Admins may reassign any task; others only their own or an unassigned one (403). ${versioned}`,
    request: { params: TaskIdParam, body: jsonBody(TaskReassignSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(TaskSchema, 'The task'), ...errorResponses(403, 404, 409, 428) },
  }),
};

export function taskRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/tasks', forbidPartners());
  app.use('/v1/tasks/*', forbidPartners());
  app.on('PUT', '/v1/tasks/policy', requireAdmin());
  const taskActor = (principal: AppEnv['Variables']['principal']) => ({
    ...actorOf(principal),
    admin: principal.kind === 'user' && isAdmin(principal.role),
  });
  // The policy first: `/v1/tasks/policy` must not reach the `{taskId}` route.
  return app
    .openapi(routes.policy, async (c) =>
      c.json(await services.tasks.policy({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putPolicy, async (c) => {
      const { policy, version } = c.req.valid('json');
      return c.json(
        await services.tasks.putPolicy(actorOf(c.var.principal), { policy, expectedVersion: version }),
        200,
      );
    })
    .openapi(routes.list, async (c) => {
      const { assignee, mine, ...query } = c.req.valid('query');
      const principal = c.var.principal;
      // An API key holds no task: its `mine` is empty, never the team's unassigned ones.
      const assigneeId = mine ? actorOf(principal).actorId : assignee === 'none' ? null : assignee;
      const page = await services.tasks.list(
        { tenantId: principal.tenantId },
        { ...query, ...(mine || assignee !== undefined ? { assigneeId } : {}) },
      );
      return c.json(page, 200);
    })
    .openapi(routes.create, async (c) =>
      c.json(await services.tasks.create(actorOf(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.get, async (c) =>
      c.json(
        await services.tasks.get({ tenantId: c.var.principal.tenantId }, c.req.valid('param').taskId),
        200,
      ),
    )
    .openapi(routes.complete, async (c) => {
      const { version, note } = c.req.valid('json');
      return c.json(
        await services.tasks.complete(taskActor(c.var.principal), c.req.valid('param').taskId, {
          ...(note ? { note } : {}),
          expectedVersion: expectedVersion(c.req.header('if-match'), version),
        }),
        200,
      );
    })
    .openapi(routes.snooze, async (c) => {
      const { version, until } = c.req.valid('json');
      return c.json(
        await services.tasks.snooze(taskActor(c.var.principal), c.req.valid('param').taskId, {
          until,
          expectedVersion: expectedVersion(c.req.header('if-match'), version),
        }),
        200,
      );
    })
    .openapi(routes.reassign, async (c) => {
      const { version, assigneeId } = c.req.valid('json');
      return c.json(
        await services.tasks.reassign(taskActor(c.var.principal), c.req.valid('param').taskId, {
          assigneeId,
          expectedVersion: expectedVersion(c.req.header('if-match'), version),
        }),
        200,
      );
    });
}
