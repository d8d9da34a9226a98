import type { Services } from '@crm/app';
import {
  idSchema,
  WorkflowCreateSchema,
  WorkflowFromTemplateSchema,
  WorkflowPatchSchema,
  WorkflowPlanSchema,
  WorkflowRunSchema,
  WorkflowSchema,
  WorkflowTemplateSchema,
  WorkflowTestSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const common = { tags: ['workflows'] as ['workflows'], security: bearerSecurity };

const WorkflowParam = z.object({
  workflowId: idSchema('a workflow id').openapi({ param: { name: 'workflowId', in: 'path' } }),
});
const RunsQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});
const WorkflowSummarySchema = WorkflowSchema.extend({
  lastRun: WorkflowRunSchema.pick({ id: true, status: true, startedAt: true }).optional(),
}).meta({ id: 'WorkflowSummary' });
const ManualRunSchema = z
  .strictObject({ customerId: idSchema('a customer id').describe('The customer the run is about') })
  .meta({ id: 'WorkflowManualRun' });

const routes = {
  templates: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/workflows/templates',
    operationId: 'listWorkflowTemplates',
    summary: 'The workflows the product ships, ready to create as drafts (admin)',
    description:
      'Each template’s name and description in Chinese and English, and whether it needs a webhook endpoint.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(WorkflowTemplateSchema) }), 'Templates'),
      ...errorResponses(403),
    },
  }),
  fromTemplate: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/workflows/from-template',
    operationId: 'createWorkflowFromTemplate',
    summary: 'Create a draft workflow from a shipped template (admin)',
    description: 'The draft can be edited, tried with a dry run and then activated.',
    request: { body: jsonBody(WorkflowFromTemplateSchema) },
    responses: { 201: jsonResponse(WorkflowSchema, 'The draft'), ...errorResponses(403) },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/workflows',
    operationId: 'createWorkflow',
    summary: 'Create a workflow (admin)',
    description:
      'A trigger (a catalog event, optionally filtered; a daily schedule; or manual), conditions as data ' +
      '(all / any / not over comparisons on `data.*` and `previous.*`) and ordered actions. Starts as a ' +
      'draft unless `status` says otherwise.',
    request: { body: jsonBody(WorkflowCreateSchema) },
    responses: { 201: jsonResponse(WorkflowSchema, 'The workflow'), ...errorResponses(403) },
  }),
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/workflows',
    operationId: 'listWorkflows',
    summary: 'The tenant’s workflows, with their latest run (admin)',
    description: 'Every workflow, oldest first, with its status, trigger and how its latest run went.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(WorkflowSummarySchema) }), 'Workflows'),
      ...errorResponses(403),
    },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/workflows/{workflowId}',
    operationId: 'getWorkflow',
    summary: 'One workflow (admin)',
    description: 'The definition; its version is what an edit sends back.',
    request: { params: WorkflowParam },
    responses: { 200: jsonResponse(WorkflowSchema, 'The workflow'), ...errorResponses(403) },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/workflows/{workflowId}',
    operationId: 'updateWorkflow',
    summary: 'Change, activate or deactivate a workflow (admin)',
    description:
      'Changes the workflow against the version you read (If-Match or body version). Every edit is a new ' +
      'version: runs already started finish with the actions they planned.',
    request: { params: WorkflowParam, body: jsonBody(WorkflowPatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(WorkflowSchema, 'The workflow'), ...errorResponses(403, 409, 428) },
  }),
  remove: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/workflows/{workflowId}',
    operationId: 'deleteWorkflow',
    summary: 'Delete a workflow (admin)',
    description: 'It runs no more; its run history stays until it expires (90 days).',
    request: { params: WorkflowParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(403) },
  }),
  test: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/workflows/{workflowId}/test',
    operationId: 'testWorkflow',
    summary: 'Dry run: which conditions match and what each action would do (admin)',
    description:
      'On a sample event, a real past event a workflow ran on (`eventId`), or (schedule and manual ' +
      'workflows) a customer as it is now. Nothing is written; a real run on the same event plans the same.',
    request: { params: WorkflowParam, body: jsonBody(WorkflowTestSchema) },
    responses: { 200: jsonResponse(WorkflowPlanSchema, 'The plan'), ...errorResponses(403) },
  }),
  runs: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/workflows/{workflowId}/runs',
    operationId: 'listWorkflowRuns',
    summary: 'The workflow’s run history, newest first (admin)',
    description: 'Each run with its plan, every step taken (result or error), its status and duration.',
    request: { params: WorkflowParam, query: RunsQuery },
    responses: {
      200: jsonResponse(z.object({ items: z.array(WorkflowRunSchema) }), 'Runs'),
      ...errorResponses(403),
    },
  }),
  run: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/workflows/{workflowId}/run',
    operationId: 'runWorkflow',
    summary: 'Run an active manual workflow on one customer now (admin)',
    description: 'Each call is a new run. Answers with the run as far as it got (a wait continues later).',
    request: { params: WorkflowParam, body: jsonBody(ManualRunSchema) },
    responses: { 201: jsonResponse(WorkflowRunSchema, 'The run'), ...errorResponses(403, 409) },
  }),
};

export function workflowRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/workflows', requireAdmin());
  app.use('/v1/workflows/*', requireAdmin());
  const ref = (c: { var: AppEnv['Variables'] }, workflowId: string) => ({
    tenantId: c.var.principal.tenantId,
    workflowId,
  });
  return app
    .openapi(routes.templates, (c) => c.json({ items: services.workflows.templates() }, 200))
    .openapi(routes.fromTemplate, async (c) =>
      c.json(await services.workflows.createFromTemplate(actorOf(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.create, async (c) =>
      c.json(await services.workflows.create(actorOf(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.list, async (c) =>
      c.json({ items: await services.workflows.list({ tenantId: c.var.principal.tenantId }) }, 200),
    )
    .openapi(routes.get, async (c) =>
      c.json(await services.workflows.get(ref(c, c.req.valid('param').workflowId)), 200),
    )
    .openapi(routes.patch, async (c) => {
      const { version, ...patch } = c.req.valid('json');
      return c.json(
        await services.workflows.update(
          { ...actorOf(c.var.principal), workflowId: c.req.valid('param').workflowId },
          patch,
          expectedVersion(c.req.header('if-match'), version),
        ),
        200,
      );
    })
    .openapi(routes.remove, async (c) => {
      await services.workflows.remove(ref(c, c.req.valid('param').workflowId));
      return c.body(null, 204);
    })
    .openapi(routes.test, async (c) =>
      c.json(
        await services.workflows.test(ref(c, c.req.valid('param').workflowId), c.req.valid('json')),
        200,
      ),
    )
    .openapi(routes.runs, async (c) =>
      c.json(
        {
          items: await services.workflows.runs(ref(c, c.req.valid('param').workflowId), {
            limit: c.req.valid('query').limit,
          }),
        },
        200,
      ),
    )
    .openapi(routes.run, async (c) =>
      c.json(
        await services.workflows.runManually(
          { ...actorOf(c.var.principal), workflowId: c.req.valid('param').workflowId },
          c.req.valid('json').customerId,
        ),
        201,
      ),
    );
}
