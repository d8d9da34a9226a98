import { type NightlyJob, nightlyJobs } from '@crm/app/nightly';
import { describe, expect, it } from 'vitest';
import { msUntilNextRun, runLocalNight } from './nightly-refit-timer.js';

const HOUR = 3_600_000;

describe('msUntilNextRun', () => {
  it('waits until the hour later the same day', () => {
    expect(msUntilNextRun(new Date('2026-11-24T00:30:00Z'), 2)).toBe(1.5 * HOUR);
  });

  it('waits until the next day once the hour has passed, or is exactly now', () => {
    expect(msUntilNextRun(new Date('2026-11-24T16:00:00Z'), 2)).toBe(10 * HOUR);
    expect(msUntilNextRun(new Date('2026-11-24T02:00:00Z'), 2)).toBe(24 * HOUR);
  });

  it('crosses month and year ends in UTC', () => {
    expect(msUntilNextRun(new Date('2026-12-31T23:00:00Z'), 2)).toBe(3 * HOUR);
    expect(
      new Date(
        Date.parse('2026-12-31T23:00:00Z') + msUntilNextRun(new Date('2026-12-31T23:00:00Z'), 2),
      ).toISOString(),
    ).toBe('2027-01-01T02:00:00.000Z');
  });
});

describe('runLocalNight', () => {
  // No table is read: the tenants are given, and the jobs are fakes that record their calls.
  const table = {} as Parameters<typeof runLocalNight>[0]['table'];

  it('runs every job of the registry for each tenant, in the registry’s order, tenant after tenant', async () => {
    const calls: string[] = [];
    const jobs: NightlyJob[] = ['first', 'second'].map((name) => ({
      name,
      run: async (_deps, tenantId) => {
        calls.push(`${tenantId}:${name}`);
        return {};
      },
    }));
    const lines: string[] = [];
    const result = await runLocalNight({
      table,
      jobs,
      tenantIds: ['t1', 't2'],
      log: (line) => lines.push(line),
    });
    expect(calls).toEqual(['t1:first', 't1:second', 't2:first', 't2:second']);
    expect(result).toMatchObject({ tenants: 2, failed: [] });
    expect(lines[0]).toMatch(/^nightly jobs: 2\/2 tenants/);
  });

  it('reports a tenant whose job failed, and still runs its later jobs and the other tenants', async () => {
    const calls: string[] = [];
    const jobs: NightlyJob[] = [
      {
        name: 'refit',
        run: async (_deps, tenantId) => {
          calls.push(`${tenantId}:refit`);
          if (tenantId === 'bad') throw new Error('boom');
          return {};
        },
      },
      {
        name: 'credit',
        run: async (_deps, tenantId) => {
          calls.push(`${tenantId}:credit`);
          return {};
        },
      },
    ];
    const lines: string[] = [];
    const result = await runLocalNight({
      table,
      jobs,
      tenantIds: ['bad', 'good'],
      log: (line) => lines.push(line),
    });
    expect(calls).toEqual(['bad:refit', 'bad:credit', 'good:refit', 'good:credit']);
    expect(result.failed).toEqual([{ tenantId: 'bad', jobs: [{ job: 'refit', message: 'boom' }] }]);
    expect(lines[0]).toContain('failed: bad (refit)');
  });

  it('the shared registry (the AWS worker’s list too) fails stuck jobs, refits, takes the KPI snapshot from the fresh scores, then credit, churn, SLAs, plans, care after credit, snoozed alerts back after every alert pass, and member tiers after the refit, the customer-list grow last', () => {
    expect(nightlyJobs.map((job) => job.name)).toEqual([
      'stuckJobs',
      'refit',
      'kpiSnapshot',
      'credit',
      'churn',
      'complaintSlas',
      'serviceSlas',
      'servicePlans',
      'care',
      'campaignSendsCatchUp',
      'alertSnoozes',
      'memberTiers',
      'webhookSweep',
      'customerListShards',
    ]);
  });
});
