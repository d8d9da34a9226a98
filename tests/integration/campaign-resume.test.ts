import { createServices } from '@crm/app';
import {
  ATTENDED_SEND_GRACE_MS,
  CAMPAIGN_CLAIM_LEASE_MS,
  listSendsBegunBeforeTheDueList,
  resumeCampaignSends,
} from '@crm/app/campaigns';
import { CampaignRepository, CampaignSendQueue, sharedClientFactory } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignFixtures, type OutboxMail } from '../support/campaign-fixtures.js';
import { crashingTable, putsItemOfType, WorkerDied } from '../support/crashing-table.js';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PUBLIC_URL,
  testSigningKey,
  uniqueEmail,
} from '../support/test-app.js';
import { ownTestTable } from '../support/test-table.js';

/**
 * The scheduled resume of campaign sends (issue 15): a send cut off by its budget, whose page was
 * closed, is finished by the job alone — and nobody gets two messages, even with passes and API
 * calls overlapping. Its own table: the resume takes every tenant's due sends, so other suites'
 * campaigns on the shared table must not be in its list (nor it in theirs).
 */
describe('campaign sends resumed by the scheduled job', () => {
  const table = ownTestTable('campaign-resume');
  // A clock the test moves; it stands still otherwise, so a budget of 0 ms ends every run after
  // one recipient: each API call and each resume decides exactly one customer.
  let now = Date.now();
  const clock = () => new Date(now);
  const app = createTestApp({ table: table.client, clock, campaignSendBudgetMs: 0 });
  // The job's services, as the local timer and the Lambda build them, on the same table.
  const { campaigns } = createServices({
    table: table.client,
    signingKey: testSigningKey,
    publicUrl: TEST_PUBLIC_URL,
    clock,
    campaignSendBudgetMs: 0,
  });
  const queue = new CampaignSendQueue(table.client);
  const pass = () => resumeCampaignSends({ table: table.client, campaigns, clock });
  let owner: SignedUpTenant;

  const fixtures = campaignFixtures(app, () => owner.auth);
  const { newCustomer, newSegment } = fixtures;
  const newCampaign = (segmentId: string, name: string) =>
    fixtures.newCampaign({
      name,
      segmentId,
      subject: { zh: `${name} {{name}}`, en: `${name} {{name}}` },
      body: { zh: '您好 {{name}}', en: 'Hello {{name}}' },
    });
  const campaignMails = async (name: string) =>
    (await fixtures.mails()).filter(
      (mail) => mail.kind === 'campaign' && mail.subject.startsWith(`${name} `),
    );
  const campaign = async (campaignId: string) =>
    (await call(app, 'GET', `/v1/campaigns/${campaignId}`, { auth: owner.auth })).body as {
      status: string;
      progress: { processed: number; sent: number; skipped: number };
    };

  beforeAll(async () => {
    await table.ensure();
    owner = await signUpTenant(app, 'Resume Tenant 续发');
  });

  it('finishes a send cut off by its budget by the job alone, and nobody gets two messages', async () => {
    const tag = 'resume';
    const emails = Array.from({ length: 6 }, () => uniqueEmail('resume'));
    for (const [index, email] of emails.entries())
      await newCustomer({ name: `R${index}`, email, tags: [tag] });
    await newCustomer({ name: 'No mail', tags: [tag] });
    const segmentId = await newSegment(tag);
    const campaignId = await newCampaign(segmentId, 'Resume');

    // The page sends once and is closed: one customer decided, the rest left.
    const first = await call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: owner.auth });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toMatchObject({
      done: false,
      campaign: { status: 'sending', progress: { processed: 1 } },
    });
    // Listed for the job, but not before the page has had its chance to call again.
    const entry = await queue.get({ tenantId: owner.tenantId, campaignId });
    expect(entry?.dueAt).toBe(new Date(now + ATTENDED_SEND_GRACE_MS).toISOString());
    expect(await pass()).toEqual({ resumed: 0, finished: 0, failed: 0 });
    expect((await campaign(campaignId)).progress.processed).toBe(1);

    // Nobody calls any more: the job takes over, one recipient per run (budget 0), due again at once.
    now += ATTENDED_SEND_GRACE_MS + 1000;
    const second = await pass();
    expect(second).toEqual({ resumed: 1, finished: 0, failed: 0 });
    expect((await campaign(campaignId)).progress.processed).toBe(2);

    // Overlapping passes and an API call at the same instant: the lease and the claims keep every
    // customer to one decision and one message.
    await Promise.all([
      pass(),
      pass(),
      call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: owner.auth }),
    ]);
    // The API call above filed the next run after the grace again: the job waits for it.
    now += ATTENDED_SEND_GRACE_MS + 1000;
    let finished = false;
    for (let run = 0; run < 20 && !finished; run++) finished = (await pass()).finished === 1;
    expect(finished).toBe(true);

    const sent = await campaign(campaignId);
    expect(sent).toMatchObject({ status: 'sent', progress: { processed: 7, sent: 6, skipped: 1 } });
    const mails = await campaignMails('Resume');
    expect(mails.map((mail) => mail.to).sort()).toEqual([...emails].sort());
    // Finished: no entry left, and later passes find nothing to do.
    expect(await queue.get({ tenantId: owner.tenantId, campaignId })).toBeUndefined();
    expect(await pass()).toEqual({ resumed: 0, finished: 0, failed: 0 });
    expect((await campaignMails('Resume')).length).toBe(6);
  });

  it('mails a customer whose worker died between its claim and the outbox once, when the send resumes', async () => {
    const tag = 'crash';
    const emails = Array.from({ length: 3 }, () => uniqueEmail('crash'));
    for (const [index, email] of emails.entries())
      await newCustomer({ name: `C${index}`, email, tags: [tag] });
    const segmentId = await newSegment(tag);
    const campaignId = await newCampaign(segmentId, 'Crash');
    const recipients = () => new CampaignRepository(table.client, owner.tenantId).recipients(campaignId);

    // A worker that dies right after its first claim's transaction, before the outbox took anything.
    const crashing = crashingTable(
      table.client,
      putsItemOfType('campaignRecipient', (item) => item.status === 'sending'),
    );
    const dying = createServices({
      table: crashing.client,
      signingKey: testSigningKey,
      publicUrl: TEST_PUBLIC_URL,
      clock,
      campaignSendBudgetMs: 0,
    });
    await expect(
      dying.campaigns.send({ tenantId: owner.tenantId, campaignId, actorId: owner.userId }),
    ).rejects.toBeInstanceOf(WorkerDied);
    expect(crashing.crashed()).toBe(true);
    const [claim] = (await recipients()).items;
    expect(claim).toMatchObject({ status: 'sending', handingAt: null });
    expect(claim?.planned).toHaveLength(1);
    expect(await campaignMails('Crash')).toEqual([]);

    // Called again at once: the claim may still be its worker's, so the send waits out its lease
    // instead of walking past it (which would leave the customer unmailed for good).
    const early = await call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: owner.auth });
    expect(early.status).toBe(202);
    expect(early.body).toMatchObject({ done: false, campaign: { progress: { processed: 1, sent: 0 } } });
    expect(early.body.retryAfterSeconds).toBe(CAMPAIGN_CLAIM_LEASE_MS / 1000);
    expect(await campaignMails('Crash')).toEqual([]);

    // Past the lease two resumes and the page at the same instant: one of them mails the claim.
    now += CAMPAIGN_CLAIM_LEASE_MS + 1000;
    await Promise.all([
      campaigns.resume({ tenantId: owner.tenantId, campaignId }),
      campaigns.resume({ tenantId: owner.tenantId, campaignId }),
      call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: owner.auth }),
    ]);
    let done = false;
    for (let run = 0; run < 10 && !done; run++)
      done = (await campaigns.resume({ tenantId: owner.tenantId, campaignId })).done;
    expect(done).toBe(true);

    const mails = await campaignMails('Crash');
    expect(mails.map((mail) => mail.to).sort()).toEqual([...emails].sort());
    expect((await campaign(campaignId)).progress).toMatchObject({ processed: 3, sent: 3, bounced: 0 });
    const results = await call(app, 'GET', `/v1/campaigns/${campaignId}/results`, { auth: owner.auth });
    expect(results.body).toMatchObject({ sent: 3, bounced: 0, messages: { sent: 3 } });
    expect((await recipients()).items.every((recipient) => recipient.handingAt)).toBe(true);
  });

  it('never mails twice a customer whose worker died after it began handing the message over', async () => {
    const tag = 'handing';
    const email = uniqueEmail('handing');
    await newCustomer({ name: 'H', email, tags: [tag] });
    const segmentId = await newSegment(tag);
    const campaignId = await newCampaign(segmentId, 'Handing');
    // Dies right after taking the claim to hand it over: the outbox may or may not have taken it.
    const crashing = crashingTable(
      table.client,
      (command) =>
        command.constructor.name === 'UpdateCommand' &&
        String(command.input.UpdateExpression).includes('handingAt'),
    );
    const dying = createServices({
      table: crashing.client,
      signingKey: testSigningKey,
      publicUrl: TEST_PUBLIC_URL,
      clock,
      campaignSendBudgetMs: 0,
    });
    await expect(
      dying.campaigns.send({ tenantId: owner.tenantId, campaignId, actorId: owner.userId }),
    ).rejects.toBeInstanceOf(WorkerDied);

    now += CAMPAIGN_CLAIM_LEASE_MS + 1000;
    let done = false;
    for (let run = 0; run < 5 && !done; run++)
      done = (await campaigns.resume({ tenantId: owner.tenantId, campaignId })).done;
    expect(done).toBe(true);
    // At most once: it stays claimed (`sending`), counted processed, never sent by the resume.
    expect(await campaignMails('Handing')).toEqual([]);
    expect((await campaign(campaignId)).progress).toMatchObject({ processed: 1, sent: 0 });
  });

  it('does not mail a claim left behind to a customer who withdrew consent since: it is settled skipped', async () => {
    const tag = 'withdrew';
    const customerId = await newCustomer({ name: 'W', email: uniqueEmail('withdrew'), tags: [tag] });
    const segmentId = await newSegment(tag);
    const campaignId = await newCampaign(segmentId, 'Withdrew');
    const crashing = crashingTable(
      table.client,
      putsItemOfType('campaignRecipient', (item) => item.status === 'sending'),
    );
    const dying = createServices({
      table: crashing.client,
      signingKey: testSigningKey,
      publicUrl: TEST_PUBLIC_URL,
      clock,
      campaignSendBudgetMs: 0,
    });
    await expect(
      dying.campaigns.send({ tenantId: owner.tenantId, campaignId, actorId: owner.userId }),
    ).rejects.toBeInstanceOf(WorkerDied);
    const current = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    const withdrawn = await call(app, 'PATCH', `/v1/customers/${customerId}`, {
      auth: owner.auth,
      body: { marketingConsent: false, version: current.body.version },
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);

    now += CAMPAIGN_CLAIM_LEASE_MS + 1000;
    let done = false;
    for (let run = 0; run < 5 && !done; run++)
      done = (await campaigns.resume({ tenantId: owner.tenantId, campaignId })).done;
    expect(done).toBe(true);
    expect(await campaignMails('Withdrew')).toEqual([]);
    expect((await campaign(campaignId)).progress).toMatchObject({ processed: 1, sent: 0, skipped: 1 });
    const results = await call(app, 'GET', `/v1/campaigns/${campaignId}/results`, { auth: owner.auth });
    expect(results.body).toMatchObject({ sent: 0, skipped: 1, skippedByReason: { no_consent: 1 } });
  });

  it('drops the entry of a send that cannot go on, and leaves a finished send alone', async () => {
    const tag = 'orphan';
    await newCustomer({ name: 'O1', email: uniqueEmail('orphan'), tags: [tag] });
    await newCustomer({ name: 'O2', email: uniqueEmail('orphan'), tags: [tag] });
    const segmentId = await newSegment(tag);
    const campaignId = await newCampaign(segmentId, 'Orphan');
    expect((await call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: owner.auth })).status).toBe(
      202,
    );
    const removed = await call(app, 'DELETE', `/v1/segments/${segmentId}`, { auth: owner.auth });
    expect(removed.status).toBe(204);

    now += ATTENDED_SEND_GRACE_MS + 1000;
    expect(await pass()).toEqual({ resumed: 1, finished: 1, failed: 0 });
    expect(await queue.get({ tenantId: owner.tenantId, campaignId })).toBeUndefined();
    // The campaign keeps what it did; nothing more was sent.
    expect((await campaign(campaignId)).progress.processed).toBe(1);
    expect((await campaignMails('Orphan')).length).toBe(1);
  });

  it('puts sends begun before the due list on it, a few pages a night, once per tenant, and the job then carries them on', async () => {
    const older = await signUpTenant(app, 'Before the due list 旧发送');
    const as = { auth: older.auth };
    const customer = (name: string) =>
      call(app, 'POST', '/v1/customers', {
        ...as,
        body: { kind: 'consumer', name, email: uniqueEmail('older'), tags: ['older'] },
      });
    for (const name of ['P1', 'P2', 'P3']) expect((await customer(name)).status).toBe(201);
    const segment = await call(app, 'POST', '/v1/segments', {
      ...as,
      body: { name: 'Older', filter: { tags: ['older'] } },
    });
    const create = async (name: string) =>
      (
        await call(app, 'POST', '/v1/campaigns', {
          ...as,
          body: {
            name,
            channel: 'email',
            segmentId: segment.body.id,
            subject: { zh: `${name} {{name}}`, en: `${name} {{name}}` },
            body: { zh: '您好', en: 'Hello' },
          },
        })
      ).body.id as string;
    const startSending = async (campaignId: string) =>
      expect((await call(app, 'POST', `/v1/campaigns/${campaignId}/send`, as)).status).toBe(202);
    // Oldest first: A (sending, unlisted), B (sending, listed), C (draft), D (sending, unlisted).
    const a = await create('A');
    await startSending(a);
    now += 1000;
    const b = await create('B');
    await startSending(b);
    now += 1000;
    await create('C');
    now += 1000;
    const d = await create('D');
    await startSending(d);
    // A and D began before the due list existed: no entry.
    await queue.clear({ tenantId: older.tenantId, campaignId: a });
    await queue.clear({ tenantId: older.tenantId, campaignId: d });
    const listedB = await queue.get({ tenantId: older.tenantId, campaignId: b });

    const night = () =>
      listSendsBegunBeforeTheDueList({
        table: table.client,
        tenantClient: sharedClientFactory(table.client),
        tenantId: older.tenantId,
        now: new Date(now),
        maxPages: 2,
        pageSize: 1,
      });
    // Two campaigns a night (newest first): D the first night, A the second, then the end.
    expect(await night()).toBe(1);
    expect(await queue.get({ tenantId: older.tenantId, campaignId: d })).toMatchObject({
      dueAt: new Date(now).toISOString(),
    });
    expect(await queue.get({ tenantId: older.tenantId, campaignId: a })).toBeUndefined();
    let listed = 0;
    for (let nights = 0; nights < 3; nights++) listed += await night();
    expect(listed).toBe(1);
    expect(await queue.get({ tenantId: older.tenantId, campaignId: a })).toBeDefined();
    // B's own entry is left as it was.
    expect(await queue.get({ tenantId: older.tenantId, campaignId: b })).toEqual(listedB);

    // Done for this tenant: later nights walk nothing, even if an entry went missing again.
    await queue.clear({ tenantId: older.tenantId, campaignId: d });
    expect(await night()).toBe(0);
    expect(await queue.get({ tenantId: older.tenantId, campaignId: d })).toBeUndefined();

    // The job carries A on (B waits for its page's grace; D was taken off the list again above).
    const resumed = await pass();
    expect(resumed.resumed).toBe(1);
    const outbox = ((await call(app, 'GET', '/v1/dev/outbox', as)).body.items as OutboxMail[]) ?? [];
    expect(outbox.filter((mail) => mail.kind === 'campaign' && mail.subject.startsWith('A ')).length).toBe(2);
  });
});
