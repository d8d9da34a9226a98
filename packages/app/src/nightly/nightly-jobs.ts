import type { TableClient, TenantClientFactory } from '@crm/dynamodb';
import { wakeSnoozedAlerts } from '../alerts/alerts.jobs.js';
import { refitAllTenants } from '../analytics/analytics.jobs.js';
import { AnalyticsService, refitCursor } from '../analytics/analytics.service.js';
import { listSendsBegunBeforeTheDueList } from '../campaigns/campaign-sends-catch-up.js';
import { reviewChurnChunk } from '../churn/churn.jobs.js';
import { reviewComplaintSlasAllTenants } from '../complaints/complaints.jobs.js';
import { reviewCreditAllTenants } from '../credit/credit.jobs.js';
import { growCustomerList } from '../customers/customer-list-growth.jobs.js';
import { ImportService } from '../imports/import.service.js';
import { CustomerFiguresSnapshots } from '../kpis/customer-figures-snapshots.js';
import { reviewMemberTiers } from '../members/members.jobs.js';
import { runServicePlansAllTenants } from '../service/service.jobs.js';
import { reviewServiceSlasAllTenants } from '../service/service-sla.jobs.js';
import { createCareTasksAllTenants } from '../tasks/tasks.jobs.js';
import { dueTenantsScheduler, type WebhookScheduler } from '../webhooks/webhook-scheduler.js';
import { sweepLostWebhookNotices } from '../webhooks/webhooks.jobs.js';
import { forEachTenant } from './each-tenant.js';

export type NightlyJobDeps = {
  table: TableClient;
  tenantClient: TenantClientFactory;
  clock?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** Where the webhook sweep announces lost deliveries: the queue in AWS, the due-tenant list locally. */
  webhookScheduler?: WebhookScheduler;
};

/** One per-tenant nightly job: its counts for the log, or a throw when the tenant must be retried. */
export type NightlyJob = {
  readonly name: string;
  readonly run: (deps: NightlyJobDeps, tenantId: string) => Promise<Record<string, unknown>>;
  /**
   * A job that grows with the tenant and can stop between pages: runs from `cursor` (the start
   * when absent) while `more()` says there is time, at least one page, and answers the cursor the
   * rest begins at (absent when done). `runNightlyForTenant` uses it instead of `run` when it has
   * a time limit. The same pass, so running it whole or in chunks gives the same result.
   */
  readonly runChunk?: (
    deps: NightlyJobDeps,
    tenantId: string,
    chunk: { cursor?: string; more: () => boolean },
  ) => Promise<{ counts: Record<string, unknown>; next?: string }>;
};

/** Where a tenant's night stopped and goes on: the job to run next, and within it the cursor. */
export type NightlyResumePoint = { job: string; cursor?: string };

/** Counts of a pass over one tenant, with its failures raised: a failed tenant is retried whole. */
async function oneTenant<T extends { failed: readonly unknown[]; tenants: number; ms: number }>(
  name: string,
  pass: Promise<T>,
): Promise<Record<string, unknown>> {
  const { failed, tenants: _tenants, ...counts } = await pass;
  if (failed.length > 0) throw new Error(`${name} failed: ${JSON.stringify(failed)}`);
  return counts;
}

/**
 * Every time-driven pass, in the order they must run for a tenant: jobs whose worker died are
 * recorded as failed first (a refit run stuck in `running` would otherwise stand in the night's
 * way, and an import nobody opens again would stay `running`), then the refit and the KPI customer
 * figures snapshot taken from its scores (credit reads
 * the fresh ABC classes, churn the fresh P(alive) and ABC class), care tasks after credit (its
 * overdue marks reach the stream, which creates the 催付 tasks). The local timer and the AWS
 * nightly worker both run exactly this list, one tenant at a time; each job is safe to run twice,
 * which the worker's retries rely on.
 */
export const nightlyJobs: readonly NightlyJob[] = [
  {
    name: 'stuckJobs',
    run: async (deps, tenantId) => {
      const clock = deps.clock ?? (() => new Date());
      const services = { tenantClient: deps.tenantClient, clock };
      const imports = await new ImportService(services).failStuckJobs({ tenantId });
      const refit = await new AnalyticsService(services).failStuckRun({ tenantId });
      return { importsFailed: imports.length, refitFailed: refit ? 1 : 0 };
    },
  },
  {
    name: 'refit',
    run: async (deps, tenantId) => {
      const result = await refitAllTenants({ ...deps, tenantIds: [tenantId] });
      // A fit refused by the data (too few buyers, degenerate orders) is stored on the tenant's
      // fit history and shown in the product; retrying cannot change it. Only a crash is retried.
      const crashed = result.failed.filter((entry) => entry.code === 'internal');
      if (crashed.length > 0) throw new Error(`refit failed: ${JSON.stringify(crashed)}`);
      return {
        succeeded: result.succeeded,
        notFitted: result.failed.map((entry) => entry.code),
        ms: result.ms,
      };
    },
    // In pieces (issue 21): pages of customers read, the fit once, pages of scores; the cursor
    // names the run, whose stored state says where it stands.
    runChunk: async (deps, tenantId, chunk) => {
      const started = performance.now();
      const clock = deps.clock ?? (() => new Date());
      const step = await new AnalyticsService({ tenantClient: deps.tenantClient, clock }).refitInPieces({
        tenantId,
        trigger: 'schedule',
        ...(chunk.cursor ? { cursor: chunk.cursor } : {}),
        more: chunk.more,
      });
      const ms = Math.round(performance.now() - started);
      if (!step.done) return { counts: { ...step.progress, ms }, next: refitCursor(step.run) };
      const { outcome } = step;
      // As `run`: a fit the data refuses is stored and shown; only a crash is retried.
      if (outcome.status === 'failed' && outcome.fit.error?.code === 'internal') {
        throw new Error(`refit failed: ${JSON.stringify(outcome.fit.error)}`);
      }
      return {
        counts: {
          succeeded: outcome.status === 'succeeded' ? 1 : 0,
          notFitted: outcome.status === 'succeeded' ? [] : [outcome.fit.error?.code ?? outcome.status],
          ms,
        },
      };
    },
  },
  // After the refit: the snapshot keeps each customer's fresh P(alive) (docs/kpis.md).
  {
    name: 'kpiSnapshot',
    run: async (deps, tenantId) => {
      const clock = deps.clock ?? (() => new Date());
      const snapshot = await new CustomerFiguresSnapshots({ tenantClient: deps.tenantClient, clock }).refresh(
        {
          tenantId,
        },
      );
      return { customers: snapshot.facts.length, capped: snapshot.capped };
    },
  },
  {
    name: 'credit',
    run: (deps, tenantId) => oneTenant('credit', reviewCreditAllTenants({ ...deps, tenantIds: [tenantId] })),
  },
  {
    name: 'churn',
    run: async (deps, tenantId) => {
      const { customers, moved } = await reviewChurnChunk(deps, tenantId, {});
      return { customers, moved };
    },
    runChunk: async (deps, tenantId, chunk) => {
      const { next, ...counts } = await reviewChurnChunk(deps, tenantId, chunk);
      return { counts, ...(next ? { next } : {}) };
    },
  },
  {
    name: 'complaintSlas',
    run: (deps, tenantId) =>
      oneTenant('complaintSlas', reviewComplaintSlasAllTenants({ ...deps, tenantIds: [tenantId] })),
  },
  {
    name: 'serviceSlas',
    run: (deps, tenantId) =>
      oneTenant('serviceSlas', reviewServiceSlasAllTenants({ ...deps, tenantIds: [tenantId] })),
  },
  {
    name: 'servicePlans',
    run: (deps, tenantId) =>
      oneTenant('servicePlans', runServicePlansAllTenants({ ...deps, tenantIds: [tenantId] })),
  },
  {
    name: 'care',
    run: (deps, tenantId) => oneTenant('care', createCareTasksAllTenants({ ...deps, tenantIds: [tenantId] })),
  },
  // Once per tenant, bounded a night: sends begun before the due list are put on it (docs/campaigns.md).
  {
    name: 'campaignSendsCatchUp',
    run: async (deps, tenantId) => {
      const clock = deps.clock ?? (() => new Date());
      const listed = await listSendsBegunBeforeTheDueList({ ...deps, tenantId, now: clock() });
      return { listed };
    },
  },
  // After every pass that raises or resolves alerts: only what is still snoozed comes back.
  { name: 'alertSnoozes', run: (deps, tenantId) => wakeSnoozedAlerts(deps, tenantId) },
  // After the refit: a CLV-based programme reads the fresh CLV.
  { name: 'memberTiers', run: (deps, tenantId) => reviewMemberTiers(deps, tenantId) },
  {
    name: 'webhookSweep',
    run: (deps, tenantId) =>
      sweepLostWebhookNotices(
        {
          tenantClient: deps.tenantClient,
          scheduler: deps.webhookScheduler ?? dueTenantsScheduler(deps.table),
          clock: deps.clock ?? (() => new Date()),
        },
        tenantId,
      ),
  },
  // Last: it only moves index keys, which no other job reads; a grow's walk can take a while.
  {
    name: 'customerListShards',
    run: async (deps, tenantId) => (await growCustomerList(deps, tenantId)).counts,
    runChunk: async (deps, tenantId, chunk) => {
      const { counts, next } = await growCustomerList(deps, tenantId, chunk);
      return { counts, ...(next ? { next } : {}) };
    },
  },
];

export type TenantNightlyOutcome = {
  tenantId: string;
  /** Each job's counts, by job name. */
  jobs: Record<string, Record<string, unknown>>;
  /** Jobs that threw; the tenant's night is retried (AWS) or reported (local). */
  failed: { job: string; message: string }[];
  ms: number;
  /** Set when the time ran short: the rest of the night starts here (another invocation). */
  continuation?: NightlyResumePoint;
};

export type NightlyRunOptions = {
  /** Where an earlier invocation stopped; the night starts at the beginning without it. */
  resume?: NightlyResumePoint;
  /**
   * Whether another job or chunk may start (the Lambda's remaining time). The first piece of an
   * invocation always runs, so every invocation moves the night on. @default always
   */
  hasTime?: () => boolean;
  /** Only these jobs, by name (an on-demand refit continued by the nightly worker). @default all */
  only?: readonly string[];
};

/**
 * Runs every nightly job for one tenant. A job that throws does not stop the later ones (they
 * read yesterday's state at worst, as before the refit ran), and is reported in `failed`.
 *
 * With `hasTime` (the AWS worker, whose invocation ends at 15 minutes) the night is resumable:
 * before each job, and between the chunks of a chunked job, it stops when the time runs short
 * and answers `continuation`, from which the next invocation (`resume`) goes on. A large tenant
 * thus takes several invocations, each doing part of its night, in the same order.
 */
export async function runNightlyForTenant(
  deps: NightlyJobDeps,
  tenantId: string,
  jobs: readonly NightlyJob[] = nightlyJobs,
  options: NightlyRunOptions = {},
): Promise<TenantNightlyOutcome> {
  const started = performance.now();
  const outcome: TenantNightlyOutcome = { tenantId, jobs: {}, failed: [], ms: 0 };
  if (options.only) jobs = jobs.filter((job) => options.only?.includes(job.name));
  const first = options.resume ? jobs.findIndex((job) => job.name === options.resume?.job) : 0;
  if (first < 0) throw new Error(`no nightly job named ${options.resume?.job}`);
  const hasTime = options.hasTime;
  for (const [index, job] of jobs.entries()) {
    if (index < first) continue;
    if (index > first && hasTime && !hasTime()) {
      outcome.continuation = { job: job.name };
      break;
    }
    try {
      if (job.runChunk && hasTime) {
        const cursor = index === first ? options.resume?.cursor : undefined;
        const chunk = await job.runChunk(deps, tenantId, { ...(cursor ? { cursor } : {}), more: hasTime });
        outcome.jobs[job.name] = chunk.counts;
        if (chunk.next) {
          outcome.continuation = { job: job.name, cursor: chunk.next };
          break;
        }
      } else {
        outcome.jobs[job.name] = await job.run(deps, tenantId);
      }
    } catch (error) {
      outcome.failed.push({ job: job.name, message: (error as Error).message });
    }
  }
  outcome.ms = Math.round(performance.now() - started);
  deps.log?.('tenant nightly jobs', { ...outcome });
  return outcome;
}

export type NightlyRunResult = {
  tenants: number;
  /** Tenants with at least one failed job, with what failed. */
  failed: { tenantId: string; jobs: TenantNightlyOutcome['failed'] }[];
  ms: number;
};

/**
 * Every nightly job for every registered tenant (or the ones given), one tenant after the other:
 * the local runtime's night. In AWS the same `runNightlyForTenant` runs once per queue message.
 */
export async function runNightlyAllTenants(
  deps: NightlyJobDeps & { tenantIds?: readonly string[]; jobs?: readonly NightlyJob[] },
): Promise<NightlyRunResult> {
  const failed: NightlyRunResult['failed'] = [];
  const outcome = await forEachTenant(deps, async (tenantId) => {
    const night = await runNightlyForTenant(deps, tenantId, deps.jobs);
    if (night.failed.length > 0) failed.push({ tenantId, jobs: night.failed });
  });
  return { tenants: outcome.tenants, failed, ms: outcome.ms };
}
