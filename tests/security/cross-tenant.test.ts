import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AlertService } from '@crm/app/alerts';
import { TaskService } from '@crm/app/tasks';
import { defaultChurnPolicy } from '@crm/domain';
import { keys, sharedClientFactory } from '@crm/dynamodb';
import type { App } from '@crm/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant, uniqueEmail } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/**
 * The two-tenant matrix. Every route in the OpenAPI route table that takes an id is called by
 * tenant B with tenant A's ids; each must answer 404 and leave A's data as it was. A new route
 * with a path parameter or body this file does not know fails the test, so no route escapes.
 */

type Ids = Record<string, string>;

/** A body that would be valid for the route, so only ownership can make it fail. */
const validBodies: Record<string, (ids: Ids) => unknown> = {
  'PATCH /v1/customers/{customerId}': () => ({ name: 'Hijacked', version: 1 }),
  'POST /v1/customers/{customerId}/restore': () => undefined,
  'POST /v1/customers/{customerId}/interactions': () => ({
    type: 'order',
    amount: 1,
    currency: 'CNY',
    occurredAt: '2026-01-01T00:00:00Z',
  }),
  'POST /v1/customers/{customerId}/contacts': () => ({ name: 'Spy' }),
  'PATCH /v1/customers/{customerId}/contacts/{contactId}': () => ({ name: 'Spy', version: 1 }),
  'PATCH /v1/users/{userId}': () => ({ name: 'Spy', version: 1 }),
  'PATCH /v1/custom-fields/{key}': () => ({ label: { en: 'Spy' }, version: 1 }),
  'PUT /v1/customers/{customerId}/credit/limit': () => ({ limit: 1, reason: 'hijack' }),
  'POST /v1/customers/{customerId}/credit/release': () => ({}),
  'POST /v1/customers/{customerId}/credit/orders/{interactionId}/reject': () => ({ reason: 'hijack' }),
  'POST /v1/alerts/{alertId}/snooze': () => ({ until: '2099-01-01T00:00:00Z' }),
  'POST /v1/alerts/{alertId}/assign': (ids) => ({ assigneeId: ids.userId }),
  'PATCH /v1/webhooks/{webhookId}': () => ({ description: 'Hijacked', version: 1 }),
  'POST /v1/webhooks/{webhookId}/recover': () => ({ since: '2020-01-01T00:00:00Z' }),
  'POST /v1/webhooks/{webhookId}/rotate-secret': () => ({}),
  'PUT /v1/customers/{customerId}/shares/{userId}': () => ({
    fields: ['phone', 'interactions'],
    canAddInteractions: true,
  }),
  'POST /v1/complaints/{complaintId}/transitions': () => ({ to: 'validated' }),
  'POST /v1/complaints/{complaintId}/follow-up': () => ({ outcome: 'won_back' }),
  'PUT /v1/complaints/departments/{departmentId}': () => ({ name: 'Spy', memberIds: [], version: 1 }),
  'POST /v1/service-requests/{requestId}/transitions': () => ({ to: 'dispatched' }),
  'POST /v1/service-requests/{requestId}/visits': () => ({
    start: '2026-03-03T01:00:00Z',
    end: '2026-03-03T02:00:00Z',
  }),
  'PATCH /v1/service-requests/{requestId}/visits/{visitId}': () => ({ notes: 'Spy', version: 2 }),
  'PATCH /v1/service-plans/{planId}': () => ({ title: 'Spy', version: 1 }),
  'PATCH /v1/surveys/{surveyId}': () => ({ title: { en: 'Spy', zh: 'Spy' }, version: 2 }),
  'POST /v1/surveys/{surveyId}/send': (ids) => ({ customerIds: [ids.customerId] }),
  'POST /v1/tasks/{taskId}/complete': () => ({ version: 1, note: 'hijacked' }),
  'POST /v1/tasks/{taskId}/snooze': () => ({ until: '2099-01-01T00:00:00Z', version: 1 }),
  'POST /v1/tasks/{taskId}/reassign': (ids) => ({ assigneeId: ids.userId, version: 1 }),
  'PATCH /v1/workflows/{workflowId}': () => ({ description: 'Hijacked', version: 1 }),
  'POST /v1/workflows/{workflowId}/test': (ids) => ({ customerId: ids.customerId }),
  'POST /v1/workflows/{workflowId}/run': (ids) => ({ customerId: ids.customerId }),
  'PATCH /v1/leads/{leadId}': () => ({ name: 'Hijacked', version: 1 }),
  'POST /v1/leads/{leadId}/convert': () => ({ opportunity: { name: 'Spy', amount: 1, currency: 'USD' } }),
  'PATCH /v1/opportunities/{opportunityId}': () => ({ stage: 'proposal', version: 1 }),
  'POST /v1/opportunities/{opportunityId}/win': () => ({}),
  'POST /v1/opportunities/{opportunityId}/lose': () => ({ reason: 'price', competitor: 'Spy' }),
  'PATCH /v1/segments/{segmentId}': () => ({ name: 'Hijacked', version: 1 }),
  'PATCH /v1/campaigns/{campaignId}': () => ({ name: 'Hijacked', version: 1 }),
  'PATCH /v1/partner-organisations/{organisationId}': () => ({ name: 'Hijacked', version: 1 }),
  'POST /v1/partner-organisations/{organisationId}/invitations': () => ({ email: 'spy@example.com' }),
  'PATCH /v1/partner-organisations/{organisationId}/users/{userId}': () => ({
    status: 'disabled',
    version: 1,
  }),
  'POST /v1/partner-organisations/{organisationId}/users/{userId}/move': (ids) => ({
    toOrganisationId: ids.organisationId,
    version: 1,
  }),
  'PUT /v1/customers/{customerId}/organisation-shares/{organisationId}': () => ({
    fields: ['phone'],
    access: 'read-write',
  }),
  'POST /v1/opportunities/{opportunityId}/quotes': () => ({
    lines: [{ description: 'Spy', quantity: 1, unitPrice: 1 }],
  }),
  'PATCH /v1/quotes/{quoteId}': () => ({ note: 'Hijacked', version: 1 }),
  'POST /v1/quotes/{quoteId}/send': () => ({}),
  'POST /v1/quotes/{quoteId}/accept': () => ({}),
  'POST /v1/quotes/{quoteId}/reject': () => ({ reason: 'Hijacked' }),
};

/** Routes without ids, whose answers must not contain anything of A's. */
const listRoutes = [
  '/v1/customers',
  '/v1/users',
  '/v1/api-keys',
  '/v1/custom-fields',
  '/v1/dev/outbox',
  '/v1/tenant',
  '/v1/me',
  '/v1/events/catalog',
  '/v1/credit/holds',
  '/v1/credit/policy',
  '/v1/credit/overview',
  '/v1/credit/ageing',
  '/v1/churn/policy',
  '/v1/alerts',
  '/v1/alerts?type=credit',
  '/v1/complaints',
  '/v1/complaints/departments',
  '/v1/complaints/sla-policy',
  '/v1/service-requests',
  '/v1/service-requests?open=true',
  '/v1/service-requests?overdue=true',
  '/v1/service-requests/sla-policy',
  '/v1/service-plans',
  '/v1/surveys',
  '/v1/tasks',
  '/v1/tasks?status=open',
  '/v1/tasks/policy',
  '/v1/webhooks',
  '/v1/workflows',
  '/v1/workflows/templates',
  '/v1/leads',
  '/v1/leads?status=open',
  '/v1/opportunities',
  '/v1/opportunities?status=open',
  '/v1/pipelines',
  '/v1/funnel',
  '/v1/sales/lost-deals',
  '/v1/members/tier-policy',
  '/v1/tenant/exports',
  '/v1/segments',
  '/v1/campaigns',
  '/v1/campaign-settings',
  '/v1/partner-organisations',
  '/v1/kpis',
  '/v1/kpis?from=2020-01-01&to=2022-12-31',
];

function routeTable(app: App): { method: string; path: string; hasBody: boolean }[] {
  return app.openAPIRegistry.definitions
    .filter((definition) => definition.type === 'route')
    .map((definition) => {
      const route = (definition as { route: { method: string; path: string; request?: { body?: unknown } } })
        .route;
      return { method: route.method.toUpperCase(), path: route.path, hasBody: Boolean(route.request?.body) };
    });
}

describe('tenant B with tenant A ids', () => {
  const app = createTestApp();
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  const ids: Ids = {};
  let snapshotOfA: string;

  async function snapshot(): Promise<string> {
    const parts = await Promise.all([
      call(app, 'GET', `/v1/customers/${ids.customerId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/customers/${ids.customerId}/contacts`, { auth: a.auth }),
      call(app, 'GET', `/v1/customers/${ids.customerId}/interactions`, { auth: a.auth }),
      call(app, 'GET', `/v1/users/${ids.userId}`, { auth: a.auth }),
      call(app, 'GET', '/v1/api-keys', { auth: a.auth }),
      call(app, 'GET', '/v1/custom-fields', { auth: a.auth }),
      call(app, 'GET', '/v1/tenant', { auth: a.auth }),
      call(app, 'GET', `/v1/imports/${ids.importId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/customers/${ids.customerId}/shares`, { auth: a.auth }),
      call(app, 'GET', '/v1/alerts', { auth: a.auth }),
      call(app, 'GET', `/v1/segments/${ids.segmentId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/campaigns/${ids.campaignId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/complaints/${ids.complaintId}`, { auth: a.auth }),
      call(app, 'GET', '/v1/complaints/departments', { auth: a.auth }),
      call(app, 'GET', '/v1/tasks', { auth: a.auth }),
      call(app, 'GET', `/v1/service-requests/${ids.requestId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/service-plans/${ids.planId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/customers/${ids.customerId}/service-plans`, { auth: a.auth }),
      call(app, 'GET', '/v1/service-requests/sla-policy', { auth: a.auth }),
      call(app, 'GET', '/v1/churn/policy', { auth: a.auth }),
      call(app, 'GET', `/v1/quotes/${ids.quoteId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/surveys/${ids.surveyId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/customers/${ids.customerId}/surveys`, { auth: a.auth }),
      call(app, 'GET', `/v1/surveys/${ids.surveyId}/send-runs/${ids.runId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/surveys/${ids.surveyId}/send-runs`, { auth: a.auth }),
      call(app, 'GET', `/v1/webhooks/${ids.webhookId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/webhooks/${ids.webhookId}/deliveries`, { auth: a.auth }),
      call(app, 'GET', `/v1/workflows/${ids.workflowId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/workflows/${ids.workflowId}/runs`, { auth: a.auth }),
      call(app, 'GET', `/v1/leads/${ids.leadId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/opportunities/${ids.opportunityId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/partner-organisations/${ids.organisationId}`, { auth: a.auth }),
      call(app, 'GET', `/v1/partner-organisations/${ids.organisationId}/shares`, { auth: a.auth }),
      call(app, 'GET', `/v1/partner-organisations/${ids.organisationId}/users`, { auth: a.auth }),
    ]);
    return JSON.stringify(parts.map((part) => [part.status, part.body]));
  }

  beforeAll(async () => {
    a = await signUpTenant(app, 'Tenant A');
    b = await signUpTenant(app, 'Tenant B');
    await call(app, 'POST', '/v1/custom-fields', {
      auth: a.auth,
      body: { key: 'secret_code', label: { en: 'Secret' }, type: 'text' },
    });
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: a.auth,
      body: {
        name: 'A-only customer',
        kind: 'business',
        email: 'a-only@example.com',
        customFields: { secret_code: 'x' },
      },
    });
    ids.customerId = customer.body.id as string;
    const contact = await call(app, 'POST', `/v1/customers/${ids.customerId}/contacts`, {
      auth: a.auth,
      body: { name: 'A contact' },
    });
    ids.contactId = contact.body.id as string;
    const order = await call(app, 'POST', `/v1/customers/${ids.customerId}/interactions`, {
      auth: a.auth,
      body: { type: 'order', amount: 1, currency: 'CNY', occurredAt: '2026-01-01T00:00:00Z' },
    });
    ids.interactionId = order.body.id as string;
    await call(app, 'POST', `/v1/customers/${ids.customerId}/interactions`, {
      auth: a.auth,
      body: { type: 'note', text: 'A secret', occurredAt: '2026-01-01T00:00:00Z' },
    });
    const invited = await call(app, 'POST', '/v1/users/invitations', {
      auth: a.auth,
      body: { email: uniqueEmail('a-member'), role: 'member' },
    });
    ids.userId = invited.body.id as string;
    const key = await call(app, 'POST', '/v1/api-keys', {
      auth: a.auth,
      body: { name: 'A key', scope: 'write' },
    });
    ids.keyId = key.body.id as string;
    ids.key = 'secret_code';
    const imported = await app.request('/v1/imports?kind=customers', {
      method: 'POST',
      headers: { ...a.auth, 'content-type': 'text/csv' },
      body: 'customer_id,name\nA-EXT-1,A-only imported\n',
    });
    ids.importId = ((await imported.json()) as { id: string }).id;
    // An alert of A's, as the credit reaction raises it (no stream runs in this suite).
    const alert = await new AlertService({
      tenantClient: sharedClientFactory(testTableClient()),
      clock: () => new Date(),
    }).raise(a.tenantId, {
      type: 'credit',
      kind: 'credit.hold.placed',
      customerId: ids.customerId,
      episode: new Date().toISOString(),
      reasons: [{ code: 'over_limit' }],
      suggestion: 'review_limit',
      by: 'system:credit',
    });
    ids.alertId = alert?.id as string;
    const department = await call(app, 'POST', '/v1/complaints/departments', {
      auth: a.auth,
      body: { name: 'A-only department' },
    });
    ids.departmentId = department.body.id as string;
    const complaint = await call(app, 'POST', '/v1/complaints', {
      auth: a.auth,
      body: { customerId: ids.customerId, summary: 'A-only complaint' },
    });
    ids.complaintId = complaint.body.id as string;
    const serviceRequest = await call(app, 'POST', '/v1/service-requests', {
      auth: a.auth,
      body: { customerId: ids.customerId, summary: 'A-only service request' },
    });
    ids.requestId = serviceRequest.body.id as string;
    const aPolicy = await call(app, 'GET', '/v1/service-requests/sla-policy', { auth: a.auth });
    await call(app, 'PUT', '/v1/service-requests/sla-policy', {
      auth: a.auth,
      body: { policy: aPolicy.body.policy, version: 0 },
    });
    // A churn policy of A's own (not the default every tenant reads), for B's reads and saves.
    await call(app, 'PUT', '/v1/churn/policy', {
      auth: a.auth,
      body: { policy: { ...defaultChurnPolicy, defaultGapDays: 45 }, version: 0 },
    });
    const planned = await call(app, 'POST', `/v1/service-requests/${ids.requestId}/transitions`, {
      auth: a.auth,
      body: { to: 'planned', scheduledStart: '2026-03-03T01:00:00Z', scheduledEnd: '2026-03-03T03:00:00Z' },
    });
    ids.visitId = (planned.body.visits as { id: string }[])[0]?.id as string;
    const servicePlan = await call(app, 'POST', '/v1/service-plans', {
      auth: a.auth,
      body: {
        customerId: ids.customerId,
        title: 'A-only plan',
        every: { count: 3, unit: 'months' },
        startsOn: '2026-01-15',
      },
    });
    ids.planId = servicePlan.body.id as string;
    // A plan of A's for every A-class customer: no customer of B's is in A's classes.
    await call(app, 'POST', '/v1/service-plans', {
      auth: a.auth,
      body: {
        abcClass: 'A',
        title: 'A-only class plan',
        every: { count: 3, unit: 'months' },
        startsOn: '2026-01-15',
      },
    });
    const survey = await call(app, 'POST', '/v1/surveys', {
      auth: a.auth,
      body: {
        title: { en: 'A-only survey', zh: 'A-only 调查' },
        questions: [{ id: 'nps', kind: 'nps', text: { en: 'Recommend?', zh: '推荐？' } }],
      },
    });
    ids.surveyId = survey.body.id as string;
    await call(app, 'PATCH', `/v1/surveys/${ids.surveyId}`, {
      auth: a.auth,
      body: { status: 'active', version: 1 },
    });
    // The public survey page takes a link token, not an id: the link is its own credential.
    ids.link = 'not-a-tenant-id';
    // A care reminder of A's, as the nightly pass creates it.
    const task = await new TaskService({
      tenantClient: sharedClientFactory(testTableClient()),
      clock: () => new Date(),
    }).raise(a.tenantId, {
      kind: 'birthday',
      customerId: ids.customerId,
      dueOn: '2026-06-01',
      ref: null,
      key: '2026-06-01',
      details: { date: '1980-06-01', years: 46 },
    });
    ids.taskId = task?.id as string;
    // An IP literal needs no DNS; nothing is sent (no delivery timer runs in this suite).
    const webhook = await call(app, 'POST', '/v1/webhooks', {
      auth: a.auth,
      body: { url: 'https://93.184.215.14/a-only-hook', events: ['customer.*'] },
    });
    ids.webhookId = webhook.body.id as string;
    const ping = await call(app, 'POST', `/v1/webhooks/${ids.webhookId}/test`, { auth: a.auth });
    ids.messageId = ping.body.id as string;
    const workflow = await call(app, 'POST', '/v1/workflows', {
      auth: a.auth,
      body: {
        name: 'A-only workflow',
        status: 'active',
        trigger: { type: 'manual' },
        actions: [{ type: 'task', assignTo: 'owner', title: 'A-only task' }],
      },
    });
    ids.workflowId = workflow.body.id as string;
    const lead = await call(app, 'POST', '/v1/leads', {
      auth: a.auth,
      body: { name: 'A-only lead', source: 'A-only fair' },
    });
    ids.leadId = lead.body.id as string;
    const deal = await call(app, 'POST', '/v1/opportunities', {
      auth: a.auth,
      body: { customerId: ids.customerId, name: 'A-only deal', amount: 100, currency: 'USD' },
    });
    ids.opportunityId = deal.body.id as string;
    const segment = await call(app, 'POST', '/v1/segments', {
      auth: a.auth,
      body: { name: 'A-only segment', filter: { status: ['prospect'] } },
    });
    ids.segmentId = segment.body.id as string;
    const campaign = await call(app, 'POST', '/v1/campaigns', {
      auth: a.auth,
      body: {
        name: 'A-only campaign',
        channel: 'sms',
        segmentId: ids.segmentId,
        body: { zh: '您好', en: 'Hi' },
      },
    });
    ids.campaignId = campaign.body.id as string;
    // A send run of A's survey to A's segment: its progress is A's alone.
    const run = await call(app, 'POST', `/v1/surveys/${ids.surveyId}/send`, {
      auth: a.auth,
      body: { segmentId: ids.segmentId },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    ids.runId = run.body.id as string;
    // A sent quote of A's: accepting it would record an order, so B's accept must find nothing.
    const quote = await call(app, 'POST', `/v1/opportunities/${ids.opportunityId}/quotes`, {
      auth: a.auth,
      body: { lines: [{ description: 'A-only line', quantity: 1, unitPrice: 100 }] },
    });
    ids.quoteId = quote.body.id as string;
    await call(app, 'POST', `/v1/quotes/${ids.quoteId}/send`, { auth: a.auth, body: {} });
    // An export of A's data (数据导出): B must neither see it nor take its download.
    const exported = await call(app, 'POST', '/v1/tenant/export', { auth: a.auth });
    ids.exportId = exported.body.id as string;
    // A credit file of A's (a limit change saves it at once), for B's credit policy preview.
    await call(app, 'PUT', `/v1/customers/${ids.customerId}/credit/limit`, {
      auth: a.auth,
      body: { limit: 1_000, reason: 'A-only limit' },
    });
    // A dealer organisation of A's, with a customer shared with it.
    const organisation = await call(app, 'POST', '/v1/partner-organisations', {
      auth: a.auth,
      body: { name: 'A-only dealer' },
    });
    ids.organisationId = organisation.body.id as string;
    await call(app, 'PUT', `/v1/customers/${ids.customerId}/organisation-shares/${ids.organisationId}`, {
      auth: a.auth,
      body: { fields: ['phone'] },
    });
    snapshotOfA = await snapshot();
  });

  it('knows every route of the route table that takes an id or a body', () => {
    const unknown = routeTable(app)
      .filter((route) => route.path.includes('{') || route.hasBody)
      .filter((route) => !route.path.startsWith('/v1/auth/') && !route.path.startsWith('/v1/public/'))
      .filter(
        (route) => route.hasBody && route.path.includes('{') && !validBodies[`${route.method} ${route.path}`],
      )
      .map((route) => `${route.method} ${route.path}`);
    expect(unknown, 'add these routes to validBodies in the cross-tenant matrix').toEqual([]);
    const unknownParams = routeTable(app)
      .flatMap((route) => [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string))
      .filter((param) => !(param in ids));
    expect(unknownParams, 'give tenant A an id for these path parameters').toEqual([]);
  });

  it('answers 404 on every id-taking route and changes nothing of A', async () => {
    // The public survey page has no tenant: its link token is the whole credential (surveys.test.ts).
    const idRoutes = routeTable(app).filter(
      (route) => route.path.includes('{') && !route.path.startsWith('/v1/public/'),
    );
    expect(idRoutes.length).toBeGreaterThan(10);
    for (const route of idRoutes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] as string);
      const body = validBodies[`${route.method} ${route.path}`]?.(ids);
      const response = await call(app, route.method, path, {
        auth: b.auth,
        ...(body === undefined ? {} : { body }),
      });
      expect(response.status, `${route.method} ${route.path} as tenant B`).toBe(404);
    }
    expect(await snapshot()).toBe(snapshotOfA);
  });

  it("counts none of A's customers in B's segment preview", async () => {
    const preview = await call(app, 'POST', '/v1/segments/preview', { auth: b.auth, body: {} });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(0);
  });

  it("counts none of A's credit files in B's credit policy preview", async () => {
    const policy = (await call(app, 'GET', '/v1/credit/policy', { auth: b.auth })).body.policy;
    const response = await call(app, 'POST', '/v1/credit/policy/preview', { auth: b.auth, body: { policy } });
    expect(response.status).toBe(200);
    expect(response.body.evaluated).toBe(0);
    expect(JSON.stringify(response.body)).not.toContain(ids.customerId as string);
  });

  it("never lists A's records in B's lists or search", async () => {
    for (const path of [
      ...listRoutes,
      '/v1/customers?q=A-only',
      '/v1/customers?q=a-only%40',
      '/v1/customers?archived=true',
      `/v1/tasks?customerId=${ids.customerId}`,
    ]) {
      const response = await call(app, 'GET', path, { auth: b.auth });
      expect(response.status, path).toBe(200);
      const text = JSON.stringify(response.body);
      for (const id of [
        ids.customerId,
        ids.contactId,
        ids.userId,
        ids.keyId,
        ids.complaintId,
        ids.departmentId,
        ids.requestId,
        ids.planId,
        ids.surveyId,
        ids.taskId,
        ids.webhookId,
        ids.workflowId,
        ids.leadId,
        ids.opportunityId,
        ids.quoteId,
        a.tenantId,
        'A-only',
        'secret_code',
      ]) {
        expect(text, `${path} leaks ${id}`).not.toContain(id);
      }
    }
  });

  it("refuses B a send run of A's survey, or of its own survey to A's segment, writing nothing", async () => {
    const ofA = await call(app, 'POST', `/v1/surveys/${ids.surveyId}/send`, {
      auth: b.auth,
      body: { segmentId: ids.segmentId },
    });
    expect(ofA.status).toBe(404);
    const own = await call(app, 'POST', '/v1/surveys', {
      auth: b.auth,
      body: {
        title: { en: 'B run survey', zh: 'B 调查' },
        questions: [{ id: 'nps', kind: 'nps', text: { en: 'Recommend?', zh: '推荐？' } }],
      },
    });
    await call(app, 'PATCH', `/v1/surveys/${own.body.id as string}`, {
      auth: b.auth,
      body: { status: 'active', version: 1 },
    });
    const toA = await call(app, 'POST', `/v1/surveys/${own.body.id as string}/send`, {
      auth: b.auth,
      body: { segmentId: ids.segmentId },
    });
    expect(toA.status).toBe(400);
    expect((toA.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'segmentId',
    ]);
    const runs = await call(app, 'GET', `/v1/surveys/${own.body.id as string}/send-runs`, { auth: b.auth });
    expect(runs.body).toEqual({ items: [] });
  });

  it('ignores any tenantId a client sends: in a body it is refused, in a query it is refused', async () => {
    const body = await call(app, 'POST', '/v1/customers', {
      auth: b.auth,
      body: { name: 'x', kind: 'consumer', tenantId: a.tenantId },
    });
    expect(body.status).toBe(400);
    const query = await call(app, 'GET', `/v1/customers?tenantId=${a.tenantId}`, { auth: b.auth });
    expect(query.status).toBe(400);
  });

  it("refuses B a follow-up task on A's customer, or one assigned to A's user, writing nothing", async () => {
    const onCustomer = await call(app, 'POST', '/v1/tasks', {
      auth: b.auth,
      body: { customerId: ids.customerId, title: 'Spy', dueOn: '2026-01-02' },
    });
    expect(onCustomer.status).toBe(404);
    const bCustomer = await call(app, 'POST', '/v1/customers', { auth: b.auth, body: { name: 'B-only' } });
    const toUser = await call(app, 'POST', '/v1/tasks', {
      auth: b.auth,
      body: { customerId: bCustomer.body.id, title: 'Spy', dueOn: '2026-01-02', assigneeId: ids.userId },
    });
    expect(toUser.status).toBe(400);
    expect(await snapshot()).toBe(snapshotOfA);
  });

  it("refuses a complaint about A's customer from B, writing nothing", async () => {
    const response = await call(app, 'POST', '/v1/complaints', {
      auth: b.auth,
      body: { customerId: ids.customerId, summary: 'Spy' },
    });
    expect(response.status).toBe(404);
    expect(await snapshot()).toBe(snapshotOfA);
  });

  it("refuses a service request or plan for A's customer from B, writing nothing", async () => {
    const request = await call(app, 'POST', '/v1/service-requests', {
      auth: b.auth,
      body: { customerId: ids.customerId, summary: 'Spy' },
    });
    expect(request.status).toBe(404);
    const plan = await call(app, 'POST', '/v1/service-plans', {
      auth: b.auth,
      body: {
        customerId: ids.customerId,
        title: 'Spy',
        every: { count: 1, unit: 'weeks' },
        startsOn: '2026-01-01',
      },
    });
    expect(plan.status).toBe(404);
    expect(await snapshot()).toBe(snapshotOfA);
  });

  it("shows B's A-class customer none of A's plans for A-class customers", async () => {
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: b.auth,
      body: { name: 'B A-class customer', kind: 'business' },
    });
    const customerId = customer.body.id as string;
    const table = testTableClient();
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.customer(b.tenantId, customerId),
        UpdateExpression: 'SET scores = :scores',
        ExpressionAttributeValues: {
          ':scores': {
            abcClass: 'A',
            segment: null,
            rfm: null,
            pAlive: 1,
            expectedPurchases90d: 0,
            nextPurchaseAt: null,
          },
        },
      }),
    );
    const plans = await call(app, 'GET', `/v1/customers/${customerId}/service-plans`, { auth: b.auth });
    expect(plans.status).toBe(200);
    expect(plans.body).toEqual({ customerId, abcClass: 'A', items: [] });
    expect(await snapshot()).toBe(snapshotOfA);
  });

  it("keeps A's service SLA policy apart from B's: B reads its own default and saves its own", async () => {
    const ofA = (await call(app, 'GET', '/v1/service-requests/sla-policy', { auth: a.auth })).body;
    expect(ofA.version).toBe(1);
    const ofB = await call(app, 'GET', '/v1/service-requests/sla-policy', { auth: b.auth });
    expect(ofB.body).toMatchObject({ version: 0, updatedAt: null });
    // A's version means nothing to B: B has no saved policy at version 1.
    const stale = await call(app, 'PUT', '/v1/service-requests/sla-policy', {
      auth: b.auth,
      body: { policy: ofB.body.policy, version: 1 },
    });
    expect(stale.status).toBe(409);
    const saved = await call(app, 'PUT', '/v1/service-requests/sla-policy', {
      auth: b.auth,
      body: { policy: ofB.body.policy, version: 0 },
    });
    expect(saved.status).toBe(200);
    expect(await snapshot()).toBe(snapshotOfA);
  });

  it("skips A's customer when B sends its own survey, writing nothing", async () => {
    const survey = await call(app, 'POST', '/v1/surveys', {
      auth: b.auth,
      body: {
        title: { en: 'B survey', zh: 'B 调查' },
        questions: [{ id: 'csat', kind: 'csat', text: { en: 'Satisfied?', zh: '满意吗？' } }],
      },
    });
    const surveyId = survey.body.id as string;
    await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: b.auth,
      body: { status: 'active', version: 1 },
    });
    const sent = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: b.auth,
      body: { customerIds: [ids.customerId] },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ sent: [], skipped: [{ customerId: ids.customerId, reason: 'not_found' }] });
    expect(await snapshot()).toBe(snapshotOfA);
  });

  it('keeps an API key of B inside B', async () => {
    const key = await call(app, 'POST', '/v1/api-keys', {
      auth: b.auth,
      body: { name: 'B key', scope: 'write' },
    });
    const response = await call(app, 'GET', `/v1/customers/${ids.customerId}`, {
      auth: { Authorization: `Bearer ${key.body.key}` },
    });
    expect(response.status).toBe(404);
  });
});
