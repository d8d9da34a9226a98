import { AnalyticsService } from '@crm/app/analytics';
import { CustomerInsightsSchema, FitSampleSchema, ModelFitSchema } from '@crm/domain';
import { CustomerRepository, sharedClientFactory } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCdnowMaster } from '../support/cdnow-import.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

const NOW = new Date('1998-07-01T00:00:00Z');
const clock = () => NOW;
/** Buyers the forced sample takes: fewer than the slice has, so the fit is sampled. */
const LIMIT = 60;

type Json = Record<string, unknown>;

/**
 * A sampled fit is visible to API users (issue 21): the fit, the summary and a customer's insights
 * all say that the parameters came from a seeded sample, and none of them says so after a fit on
 * every buyer. The threshold is forced small through the refit's `sampleLimit` (200,000 in use).
 */
describe('the fit sample in the API answers (DynamoDB Local)', () => {
  const app = createTestApp({ clock });
  const table = testTableClient();
  const analytics = new AnalyticsService({ tenantClient: sharedClientFactory(table), clock });
  let owner: SignedUpTenant;
  let buyers = 0;
  let buyerId = '';

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Fit sample visible');
    await importCdnowMaster(app, owner, 401);
    for await (const page of new CustomerRepository(table, owner.tenantId).liveCustomerPages()) {
      for (const customer of page) {
        if (customer.stats.orderCount > 0) {
          buyers++;
          buyerId ||= customer.id;
        }
      }
    }
    expect(buyers).toBeGreaterThan(LIMIT);
  }, 120_000);

  async function answers() {
    const model = await call(app, 'GET', '/v1/analytics/model', { auth: owner.auth });
    const summary = await call(app, 'GET', '/v1/analytics/summary', { auth: owner.auth });
    const insights = await call(app, 'GET', `/v1/customers/${buyerId}/insights`, { auth: owner.auth });
    expect([model.status, summary.status, insights.status]).toEqual([200, 200, 200]);
    return {
      latest: model.body.latest as Json,
      summary: summary.body,
      insightsModel: insights.body.model as Json,
      insights: insights.body,
    };
  }

  it('says nothing of a sample when the fit saw every buyer', async () => {
    const refit = await call(app, 'POST', '/v1/analytics/refit', { auth: owner.auth });
    expect(refit.status).toBe(200);
    const { latest, summary, insightsModel } = await answers();
    expect(latest.id).toBe((refit.body.fit as Json).id);
    expect(latest).not.toHaveProperty('sample');
    expect(summary).not.toHaveProperty('sample');
    expect(insightsModel.fitId).toBe(latest.id);
    expect(insightsModel).not.toHaveProperty('sample');
  }, 180_000);

  it('shows the seeded sample in the fit, the summary and the insights model block', async () => {
    const step = await analytics.refitInPieces({ tenantId: owner.tenantId, sampleLimit: LIMIT });
    expect(step.done && step.outcome.status).toBe('succeeded');
    if (!step.done) return;
    const stored = step.outcome.fit.sample;
    expect(stored).toEqual({ customers: LIMIT, of: buyers, seed: expect.any(String) });

    const { latest, summary, insightsModel, insights } = await answers();
    expect(latest.id).toBe(step.outcome.fit.id);
    expect(latest.sample).toEqual(stored);
    expect(summary.fitId).toBe(latest.id);
    expect(summary.sample).toEqual(stored);
    expect(insightsModel.fitId).toBe(latest.id);
    expect(insightsModel.sample).toEqual(stored);
    // Declared, not just passed through: parsing with the published schemas keeps it.
    expect(ModelFitSchema.parse(latest).sample).toEqual(stored);
    expect(CustomerInsightsSchema.parse(insights).model?.sample).toEqual(stored);
    expect(FitSampleSchema.parse(summary.sample)).toEqual(stored);
  }, 180_000);

  it('names the FitSample schema in the OpenAPI document of both answers', async () => {
    const response = await app.request('/openapi.json');
    const document = (await response.json()) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const ref = { $ref: '#/components/schemas/FitSample' };
    const { schemas } = document.components;
    expect(schemas.FitSample?.properties).toHaveProperty('customers');
    expect(schemas.ModelFit?.properties?.sample).toEqual(ref);
    expect(schemas.InsightsModel?.properties?.sample).toEqual(ref);
    expect(schemas.AnalyticsSummaryResponse?.properties?.sample).toEqual(ref);
  });
});
