import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TaskService } from '@crm/app/tasks';
import { sharedClientFactory } from '@crm/dynamodb';
import type { App } from '@crm/http';
import fc from 'fast-check';
import pMap from 'p-map';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { ownTestTable } from '../support/test-table.js';
import { ALL_INPUT_KINDS, fuzzInput, inputKinds } from './fuzz-inputs.js';

/**
 * Every route of the route table gets generated bodies and query strings (RUNS): random JSON,
 * valid-looking shapes with wrong types, huge and odd strings, raw non-JSON text. None may cause
 * a 5xx. The tenant is fitted (CDNOW orders, a successful refit), so the analytics routes answer
 * from a real model, and every PATCH is sent with the record's current version, so its body is
 * validated and applied instead of stopping at the precondition.
 */

/**
 * Per route. The table has passed 200 routes and grows with every feature: at 30 inputs a route
 * this file was 190 s of CI's 21 minutes. `npm test` sends 10, on a fixed seed so CI is repeatable;
 * `FUZZ_RUNS=1000 FUZZ_SEED=… npx vitest run tests/security/fuzz.test.ts` digs deeper.
 *
 * Why 10 still find what 30 did: the 5xx this file catches come from a kind of input (a shaped
 * body, any JSON value, an empty object, no body, raw broken JSON, a query, each odd
 * string of fuzz-inputs.ts: empty, NUL, key separators, `../../`, `__proto__`, 400 digits, 5,000
 * characters) meeting a route.
 * The former seed needed all 30 runs to send every odd string; this seed sends every kind within its
 * first 10, to every route, and the first test below fails if a change of seed, runs or
 * generators ever leaves one out.
 */
const RUNS = Number(process.env.FUZZ_RUNS) || 10;
const SEED = Number(process.env.FUZZ_SEED) || 20262668;
/**
 * Routes fuzzed at once: each run waits on DynamoDB Local far longer than it computes, so a few
 * routes in flight keep both cores busy (vitest runs this file on one worker). Order never
 * mattered to what is checked (no 5xx), and a 5xx that only an interleaving brings is a finding.
 */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY) || 4;
/** Caps for routes whose every run is costly, whatever FUZZ_RUNS asks: a few say what many would. */
const RUNS_CAP_BY_PATH: Record<string, number> = {
  // A refit or a holdout check fits the whole tenant's models.
  '/v1/analytics/refit': 5,
  // Most fuzzed queries are valid for it (unknown keys are ignored): each run fits every candidate.
  '/v1/analytics/holdout': 20,
  // A ping or a resend signs and sends over the network.
  '/v1/webhooks/{webhookId}/test': 10,
  '/v1/webhooks/{webhookId}/deliveries/{messageId}/resend': 10,
  '/v1/webhooks/{webhookId}/recover': 10,
  // A valid filter counts the whole fitted book (801 customers).
  '/v1/segments/preview': 20,
  '/v1/segments': 20,
};
// The CDNOW orders end in mid-1998: the fuzzed tenant lives then, so its model fits.
const NOW = new Date('1998-07-01T00:00:00Z');

function routes(app: App): { method: string; path: string }[] {
  return app.openAPIRegistry.definitions
    .filter((definition) => definition.type === 'route')
    .map((definition) => {
      const route = (definition as { route: { method: string; path: string } }).route;
      return { method: route.method.toUpperCase(), path: route.path };
    });
}

/** The version a PATCH of `path` must name now (the record may have changed in the last run). */
async function currentVersion(app: App, owner: SignedUpTenant, path: string): Promise<number | undefined> {
  const field = /^\/v1\/custom-fields\/(\w+)$/.exec(path)?.[1];
  if (field) {
    const list = await call(app, 'GET', '/v1/custom-fields', { auth: owner.auth });
    const items = list.body.items as { key: string; version: number }[];
    return items.find((item) => item.key === field)?.version;
  }
  // A visit is versioned with its service request: the request's version is the one to send.
  const versioned = /^(\/v1\/service-requests\/\w+)\/visits\/\w+$/.exec(path)?.[1] ?? path;
  const current = await call(app, 'GET', versioned, { auth: owner.auth });
  return typeof current.body.version === 'number' ? current.body.version : undefined;
}

describe('fuzzing every route', () => {
  // A table of its own: thousands of fuzzed writes no other file's stream poller has to read.
  const table = ownTestTable('fuzz');
  const app = createTestApp({ clock: () => NOW, refitWaitMs: 100_000, table: table.client });
  let owner: SignedUpTenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await table.ensure();
    owner = await signUpTenant(app);
    const master = readFileSync(
      resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
      'utf8',
    );
    const imported = await app.request(
      '/v1/imports?kind=transactions&layout=cdnow&createMissingCustomers=true&currency=USD',
      {
        method: 'POST',
        headers: { ...owner.auth, 'content-type': 'text/csv' },
        body: master.split('\n').slice(0, 801).join('\n'),
      },
    );
    expect(imported.status).toBe(201);
    const refit = await call(app, 'POST', '/v1/analytics/refit', { auth: owner.auth });
    expect(refit.status).toBe(200);
    // A scored customer: insights, history and the timeline answer with real figures.
    const page = await call(app, 'GET', '/v1/customers?limit=1', { auth: owner.auth });
    ids.customerId = (page.body.items as { id: string }[])[0]?.id as string;
    const contact = await call(app, 'POST', `/v1/customers/${ids.customerId}/contacts`, {
      auth: owner.auth,
      body: { name: 'C' },
    });
    ids.contactId = contact.body.id as string;
    ids.userId = owner.userId;
    const key = await call(app, 'POST', '/v1/api-keys', {
      auth: owner.auth,
      body: { name: 'k', scope: 'write' },
    });
    ids.keyId = key.body.id as string;
    await call(app, 'POST', '/v1/custom-fields', {
      auth: owner.auth,
      body: { key: 'tier', label: { en: 'Tier' }, type: 'text' },
    });
    ids.key = 'tier';
    // A real care reminder, so the task routes are fuzzed past their id check.
    const task = await new TaskService({
      tenantClient: sharedClientFactory(table.client),
      clock: () => NOW,
    }).raise(owner.tenantId, {
      kind: 'birthday',
      customerId: ids.customerId,
      dueOn: '1998-07-03',
      ref: null,
      key: '1998-07-03',
      details: {},
    });
    ids.taskId = task?.id as string;
    // A planned service request (with its first visit) and a plan: their routes are fuzzed past the id check.
    const request = await call(app, 'POST', '/v1/service-requests', {
      auth: owner.auth,
      body: { customerId: ids.customerId, summary: 'Fuzzed service' },
    });
    ids.requestId = request.body.id as string;
    const planned = await call(app, 'POST', `/v1/service-requests/${ids.requestId}/transitions`, {
      auth: owner.auth,
      body: { to: 'planned', scheduledStart: '1998-07-03T01:00:00Z', scheduledEnd: '1998-07-03T03:00:00Z' },
    });
    ids.visitId = (planned.body.visits as { id: string }[])[0]?.id as string;
    const plan = await call(app, 'POST', '/v1/service-plans', {
      auth: owner.auth,
      body: {
        customerId: ids.customerId,
        title: 'Fuzzed plan',
        every: { count: 3, unit: 'months' },
        startsOn: '1998-07-03',
      },
    });
    ids.planId = plan.body.id as string;
  });

  it('sends every kind of odd input within its runs', async () => {
    const sent = new Set<string>();
    await fc.assert(
      fc.asyncProperty(...fuzzInput, async (body, params, raw) => {
        for (const kind of inputKinds(body, params, raw)) sent.add(kind);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(ALL_INPUT_KINDS.filter((kind) => !sent.has(kind))).toEqual([]);
  });

  it('covers a route table of real size', () => {
    expect(routes(app).length).toBeGreaterThan(20);
  });

  it('never answers 5xx, whatever the body and query', async () => {
    const patchStatuses: number[] = [];
    // Deletions last: a record a DELETE removed while its PATCH was being fuzzed would have no
    // version to send (the 428 the end of this test rules out).
    const all = routes(app);
    const phases = [all.filter((r) => r.method !== 'DELETE'), all.filter((r) => r.method === 'DELETE')];
    for (const phase of phases)
      await pMap(
        phase,
        async (route) => {
          const began = performance.now();
          const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x');
          await fc.assert(
            fc.asyncProperty(...fuzzInput, async (generated, params, raw) => {
              let body = generated;
              const search = new URLSearchParams(params).toString();
              const url = `${path}${search ? `?${search}` : ''}`;
              const headers: Record<string, string> = {};
              if (route.method === 'PATCH') {
                const version = await currentVersion(app, owner, path);
                if (version !== undefined) headers['if-match'] = `"${version}"`;
                // A body version would contradict If-Match; the generated one is never current.
                if (body && typeof body === 'object' && !Array.isArray(body)) {
                  const { version: _stale, ...rest } = body;
                  body = rest;
                }
              }
              let status: number;
              if (raw && body !== undefined && route.method !== 'GET') {
                const response = await app.request(url, {
                  method: route.method,
                  headers: { ...owner.auth, ...headers, 'content-type': 'application/json' },
                  body: JSON.stringify(body).slice(0, -1),
                });
                status = response.status;
              } else {
                const hasBody = route.method !== 'GET' && body !== undefined;
                status = (
                  await call(app, route.method, url, {
                    auth: owner.auth,
                    headers,
                    ...(hasBody ? { body } : {}),
                  })
                ).status;
              }
              if (route.method === 'PATCH') patchStatuses.push(status);
              expect(status, `${route.method} ${url} ${JSON.stringify(body)?.slice(0, 200)}`).toBeLessThan(
                500,
              );
            }),
            { numRuns: Math.min(RUNS, RUNS_CAP_BY_PATH[route.path] ?? RUNS), seed: SEED },
          );
          // `FUZZ_PROFILE=1` says where the suite's time goes, a route a line.
          if (process.env.FUZZ_PROFILE) {
            console.log(`${Math.round(performance.now() - began)} ms ${route.method} ${route.path}`);
          }
        },
        { concurrency: CONCURRENCY },
      );
    // Fresh versions: no PATCH stops at the precondition, and some get through validation.
    expect(patchStatuses).not.toContain(428);
    expect(patchStatuses).toContain(200);
  }, 480_000);
});
