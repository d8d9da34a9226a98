import { AnalyticsService } from '@crm/app/analytics';
import { nightlyJobs, runNightlyForTenant } from '@crm/app/nightly';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCdnowMaster } from '../support/cdnow-import.js';
import { createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

const NOW = new Date('1998-07-01T00:00:00Z');
const clock = () => NOW;

/** The table, except that the first write of a refit's work item (its first read page) fails. */
function crashingOnFirstPiece(table: TableClient): { client: TableClient; crashes: () => number } {
  let crashes = 0;
  const send = table.doc.send.bind(table.doc) as (command: unknown) => Promise<unknown>;
  const doc = new Proxy(table.doc, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { input?: { Item?: { entityType?: string } } }) => {
        if (crashes === 0 && command.input?.Item?.entityType === 'refitPage') {
          crashes++;
          return Promise.reject(new Error('the invocation died before its first piece was stored'));
        }
        return send(command);
      };
    },
  });
  return { client: { ...table, doc }, crashes: () => crashes };
}

/**
 * A nightly worker whose invocation dies inside the refit's first piece (issue 21): the run was
 * claimed and stored `running`, no piece was. The retry of the same message, well before the claim
 * goes stale, must refit the tenant that night rather than find the dead run "running" and move on.
 */
describe('a refit that crashed before its first piece (DynamoDB Local)', () => {
  const app = createTestApp({ clock });
  const table = testTableClient();
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Refit first-piece crash');
    await importCdnowMaster(app, owner, 301);
  }, 120_000);

  it('is refit by the retry of the same nightly message that night', async () => {
    const refitOnly = nightlyJobs.filter((job) => job.name === 'refit');
    const crashing = crashingOnFirstPiece(table);
    const first = await runNightlyForTenant(
      { table, tenantClient: () => crashing.client, clock },
      owner.tenantId,
      refitOnly,
      { hasTime: () => true },
    );
    expect(crashing.crashes()).toBe(1);
    expect(first.failed.map((failure) => failure.job)).toEqual(['refit']);
    const analytics = new AnalyticsService({ tenantClient: sharedClientFactory(table), clock });
    const dead = (await analytics.model({ tenantId: owner.tenantId })).lastRun;
    expect(dead).toMatchObject({ status: 'running' });
    expect(dead?.progress).toBeUndefined();

    // SQS delivers the message again, same clock: the claim is still held (16 minutes).
    const retry = await runNightlyForTenant(
      { table, tenantClient: sharedClientFactory(table), clock },
      owner.tenantId,
      refitOnly,
      { hasTime: () => true },
    );
    expect(retry.failed).toEqual([]);
    expect(retry.jobs.refit).toMatchObject({ succeeded: 1 });
    const model = await analytics.model({ tenantId: owner.tenantId });
    expect(model.lastRun).toMatchObject({ id: dead?.id, status: 'succeeded' });
    expect(model.latest?.id).toBe(dead?.id);
  }, 180_000);
});
