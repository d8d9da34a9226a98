import type { Services } from '@crm/app';
import {
  CustomerInsightsSchema,
  DomainError,
  FitSampleSchema,
  HoldoutCheckSchema,
  ModelFitSchema,
  ModelSummarySchema,
  PurchaseModelPolicySchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { CustomerIdParam } from './customers.route.js';

const RefitResultSchema = z
  .object({
    status: z.enum(['succeeded', 'running']),
    fit: ModelFitSchema,
    /** Where to follow a fit still running. */
    statusUrl: z.string(),
  })
  .openapi('RefitResult');

const ModelStateSchema = z
  .object({
    latest: ModelFitSchema.nullable(),
    /** The successful fit before the latest, to compare parameters. */
    previous: ModelFitSchema.nullable(),
    /** The most recent run, whatever its outcome (running, failed, succeeded). */
    lastRun: ModelFitSchema.nullable(),
  })
  .openapi('AnalyticsModel');

const SummarySchema = ModelSummarySchema.extend({
  fitId: z.string(),
  fittedAt: z.string(),
  /** Present when the fit behind these figures was made on a seeded sample of the buyers. */
  sample: FitSampleSchema.optional(),
}).openapi('AnalyticsSummaryResponse');

const HoldoutQuerySchema = z.strictObject({
  /** Last day of the calibration period. */
  cutoff: z.iso.date().max(10).optional(),
  /** Last day of the holdout period. */
  end: z.iso.date().max(10).optional(),
});

const PurchaseModelPolicyViewSchema = z
  .object({
    policy: PurchaseModelPolicySchema,
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    /** The admin who saved it (user id); null for the default. */
    updatedBy: z.string().nullable(),
  })
  .openapi('PurchaseModelPolicyView');
const PurchaseModelPolicyPutSchema = z
  .strictObject({ policy: PurchaseModelPolicySchema, version: z.number().int().min(0).max(1e9) })
  .openapi('PurchaseModelPolicyPut');

const common = { tags: ['analytics'] as ['analytics'], security: bearerSecurity };

const routes = {
  refit: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/analytics/refit',
    operationId: 'refitModels',
    summary: 'Refit the BG/NBD and Gamma-Gamma models and rescore every customer (admin)',
    description:
      'Answers 200 with the fit when it finishes within a few seconds, else 202 while it goes on; follow it at GET /v1/analytics/model. A fit that cannot be made (no repeat buyers, no convergence) is stored as failed and answered 422.',
    responses: {
      200: jsonResponse(RefitResultSchema, 'The fit, finished'),
      202: jsonResponse(RefitResultSchema, 'The fit, still running'),
      ...errorResponses({ 422: 'The models could not be fitted (stored as a failed fit)' }),
    },
  }),
  model: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/analytics/model',
    operationId: 'getModel',
    summary: 'The latest model fit with its diagnostics, the previous one and the last run',
    description:
      'Each is null until there is one. `lastRun` is the most recent run whatever its outcome: poll it after a 202 from refit.',
    responses: { 200: jsonResponse(ModelStateSchema, 'Model state'), ...errorResponses(403) },
  }),
  policy: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/analytics/policy',
    operationId: 'getPurchaseModelPolicy',
    summary: 'Which purchase model the tenant uses: auto (chosen on a holdout) or pinned by an admin',
    description: '`auto` with version 0 until an admin saves a policy.',
    responses: { 200: jsonResponse(PurchaseModelPolicyViewSchema, 'The policy'), ...errorResponses(403) },
  }),
  putPolicy: defineRoute({
    ...common,
    method: 'put',
    path: '/v1/analytics/policy',
    operationId: 'putPurchaseModelPolicy',
    summary: 'Pin a purchase model, or return to auto (admin; `version` as read, 0 for the first)',
    description:
      'Replaces the policy if `version` is the one read; the next refit follows it (the candidates are still compared on the holdout, for the screen). `k` fixes the Erlang shape of bgcnbd or mbgcnbd; null chooses it by likelihood.',
    request: { body: jsonBody(PurchaseModelPolicyPutSchema) },
    responses: {
      200: jsonResponse(PurchaseModelPolicyViewSchema, 'The policy'),
      ...errorResponses(403, 409),
    },
  }),
  summary: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/analytics/summary',
    operationId: 'getAnalyticsSummary',
    description:
      "The tenant-level figures computed at the latest successful fit; 404 before the first one. `sample` is present when that fit's parameters were fitted on a seeded sample of the buyers (above 200,000 buyers): the counts still cover everyone, the monthly rates are the sample's.",
    summary: 'Value distribution, ABC shares, segments, 客户维持率/新客户获得率 per month, expected revenue',
    responses: {
      200: jsonResponse(SummarySchema, 'Computed at the latest fit'),
      ...errorResponses(403, 404),
    },
  }),
  holdout: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/analytics/holdout',
    operationId: 'getHoldoutCheck',
    summary: 'Holdout check: predicted vs actual repeat purchases after a cutoff (模型检验)',
    description:
      'Fits BG/NBD on the orders up to `cutoff` and compares its expectations with what the customers acquired by then bought until `end`: mean holdout purchases per number of calibration repeat purchases, and cumulative repeat purchases week by week. Computed from the orders on request, nothing stored. `end` defaults to today, `cutoff` to halfway between the first order and `end`; 422 when the orders before the cutoff give the model nothing to fit.',
    request: { query: HoldoutQuerySchema },
    responses: {
      200: jsonResponse(HoldoutCheckSchema, 'The holdout check'),
      ...errorResponses(403, { 422: 'The orders before the cutoff give the model nothing to fit' }),
    },
  }),
  insights: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/insights',
    operationId: 'getCustomerInsights',
    description:
      "P(alive), expected purchases, CLV, RFM, ABC and the value index of one customer, each with its inputs and the fit it came from. `model.sample` is present when that fit's parameters were fitted on a seeded sample of the buyers; the customer is scored with them all the same.",
    summary: 'A customer’s value and prediction numbers, each with the inputs that produced it',
    request: { params: CustomerIdParam },
    responses: {
      200: jsonResponse(CustomerInsightsSchema, 'Insights'),
      ...errorResponses(403),
    },
  }),
};

export function analyticsRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/analytics/*', forbidPartners());
  app.on('POST', '/v1/analytics/refit', requireAdmin());
  app.on('PUT', '/v1/analytics/policy', requireAdmin());
  app.on('GET', '/v1/customers/:customerId/insights', forbidPartners());
  return app
    .openapi(routes.refit, async (c) => {
      const outcome = await services.analytics.refit({ tenantId: c.var.principal.tenantId });
      if (outcome.status === 'failed') {
        throw new DomainError(
          'unprocessable',
          `The models could not be fitted: ${outcome.fit.error?.message ?? 'unknown reason'}`,
          { details: { fit: outcome.fit } },
        );
      }
      const body = { status: outcome.status, fit: outcome.fit, statusUrl: '/v1/analytics/model' };
      return outcome.status === 'running' ? c.json(body, 202) : c.json(body, 200);
    })
    .openapi(routes.model, async (c) =>
      c.json(await services.analytics.model({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.policy, async (c) =>
      c.json(await services.analytics.purchaseModelPolicy({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.putPolicy, async (c) => {
      const { policy, version } = c.req.valid('json');
      return c.json(
        await services.analytics.putPurchaseModelPolicy(actorOf(c.var.principal), {
          policy,
          expectedVersion: version,
        }),
        200,
      );
    })
    .openapi(routes.summary, async (c) =>
      c.json(await services.analytics.summary({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.holdout, async (c) =>
      c.json(
        await services.analytics.holdout({ tenantId: c.var.principal.tenantId, ...c.req.valid('query') }),
        200,
      ),
    )
    .openapi(routes.insights, async (c) => {
      const result = await services.analytics.insights({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
      });
      return c.json(result, 200);
    });
}
