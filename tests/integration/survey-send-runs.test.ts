import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createServices } from '@crm/app';
import { resumeSurveySends, SURVEY_CLAIM_LEASE_MS, SURVEY_SEND_LEASE_MS } from '@crm/app/surveys';
import { emptySurveySendCounts } from '@crm/domain';
import { keys, SurveySendQueue } from '@crm/dynamodb';
import pMap from 'p-map';
import { beforeAll, describe, expect, it } from 'vitest';
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
 * Pages of 10 over segments of 38 and 16: the same shape as a send to thousands (four pages and a
 * short last one, a crash between pages 2 and 3, an overlapping segment of two pages) at a quarter
 * of the writes (it was 40 over 152 and 60: 64 s of CI's run, nearly all creating customers).
 */
const PAGE = 10;
const WIDE = 36;
const LATE = 8;
type Run = {
  id: string;
  status: string;
  pages: number;
  failure: string | null;
  counts: Record<string, number>;
};

/**
 * A survey sent to a segment of any size (issue 15): a send run that walks the segment in pages,
 * claims each customer once per survey, survives a crash between pages and stays in its tenant.
 * Its own table: the resume takes every tenant's due runs, so other suites' runs must not be in
 * its list (nor it in theirs).
 */
describe('survey send runs to a segment', () => {
  const table = ownTestTable('survey-send-runs');
  let now = Date.now();
  const clock = () => new Date(now);
  const app = createTestApp({ table: table.client, clock, surveySendPageSize: PAGE });
  // The job's services, as the local timer and the Lambda build them, on the same table.
  const { surveys } = createServices({
    table: table.client,
    signingKey: testSigningKey,
    publicUrl: TEST_PUBLIC_URL,
    clock,
    surveySendPageSize: PAGE,
  });
  const queue = new SurveySendQueue(table.client);
  const pass = () => resumeSurveySends({ table: table.client, surveys, clock });
  let owner: SignedUpTenant;
  let other: SignedUpTenant;
  const tagged: { wide: string[]; late: string[] } = { wide: [], late: [] };
  let refused = '';

  const newCustomer = async (body: Record<string, unknown>) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { kind: 'consumer', ...body },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const newSegment = async (auth: SignedUpTenant['auth'], tag: string) => {
    const created = await call(app, 'POST', '/v1/segments', {
      auth,
      body: { name: `Tag ${tag}`, filter: { tags: [tag] } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const newSurvey = async (auth: SignedUpTenant['auth'], title: string) => {
    const created = await call(app, 'POST', '/v1/surveys', {
      auth,
      body: {
        title: { en: title, zh: `${title} 调查` },
        questions: [{ id: 'csat', kind: 'csat', text: { en: 'Satisfied?', zh: '满意吗？' } }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const active = await call(app, 'PATCH', `/v1/surveys/${id}`, {
      auth,
      body: { status: 'active', version: 1 },
    });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    return id;
  };
  const runOf = async (surveyId: string, runId: string, auth = owner.auth) =>
    call(app, 'GET', `/v1/surveys/${surveyId}/send-runs/${runId}`, { auth });
  const invitationsOf = async (customerId: string) =>
    (await call(app, 'GET', `/v1/customers/${customerId}/surveys`, { auth: owner.auth })).body.items as {
      surveyId: string;
    }[];
  const sentCount = async (surveyId: string) =>
    (await call(app, 'GET', `/v1/surveys/${surveyId}`, { auth: owner.auth })).body.sentCount as number;
  /** Passes until nothing is due (a pass works the budget, 20 s, so one usually finishes a run). */
  const drain = async () => {
    for (let round = 0; round < 20; round++) {
      const outcome = await pass();
      if (outcome.resumed === 0) return;
    }
  };

  beforeAll(async () => {
    await table.ensure();
    [owner, other] = await Promise.all([
      signUpTenant(app, 'Run Tenant 分批'),
      signUpTenant(app, 'Run Outsider'),
    ]);
    // 36 members with an address in `wide`: with the two below, 38 members, four pages of 10.
    tagged.wide = await pMap(
      Array.from({ length: WIDE }, (_, index) => index),
      (index) => newCustomer({ name: `W${index}`, email: uniqueEmail(`w${index}`), tags: ['wide'] }),
      { concurrency: 6 },
    );
    refused = await newCustomer({
      name: 'Refused',
      email: uniqueEmail('refused'),
      tags: ['wide'],
      marketingConsent: false,
    });
    await newCustomer({ name: 'No mail', tags: ['wide'] });
    // Archived customers are not members of a segment: they never come up in a run.
    const archived = await newCustomer({ name: 'Archived', email: uniqueEmail('archived'), tags: ['wide'] });
    expect((await call(app, 'DELETE', `/v1/customers/${archived}`, { auth: owner.auth })).status).toBe(200);
    // `late`: 8 of its own and 8 of `wide`'s (an overlapping segment), 16 members, two pages.
    tagged.late = await pMap(
      Array.from({ length: LATE }, (_, index) => index),
      (index) => newCustomer({ name: `L${index}`, email: uniqueEmail(`l${index}`), tags: ['late'] }),
      { concurrency: 6 },
    );
    for (const id of tagged.wide.slice(0, LATE)) {
      const current = await call(app, 'GET', `/v1/customers/${id}`, { auth: owner.auth });
      const patched = await call(app, 'PATCH', `/v1/customers/${id}`, {
        auth: owner.auth,
        body: { tags: ['wide', 'late'], version: current.body.version },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
  }, 300_000);

  it('invites a segment of any size page by page, and a repeat or an overlapping send invites nobody twice', async () => {
    const surveyId = await newSurvey(owner.auth, 'Wide');
    const wide = await newSegment(owner.auth, 'wide');
    const started = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId: wide, locale: 'en' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    // The first page is done in the request; the rest is left to the scheduled resume.
    expect(started.body).toMatchObject({ status: 'running', pages: 1, counts: { examined: PAGE } });
    const runId = started.body.id as string;
    expect(await queue.get({ tenantId: owner.tenantId, surveyId, runId })).toBeDefined();

    await drain();
    const finished = (await runOf(surveyId, runId)).body as Run;
    expect(finished).toMatchObject({
      status: 'finished',
      pages: 4,
      failure: null,
      counts: {
        examined: WIDE + 2,
        invited: WIDE,
        alreadyInvited: 0,
        skippedNoConsent: 1,
        skippedNoEmail: 1,
        skippedArchived: 0,
        bounced: 0,
      },
    });
    expect(await queue.get({ tenantId: owner.tenantId, surveyId, runId })).toBeUndefined();
    expect(await sentCount(surveyId)).toBe(WIDE);

    // The same send again: everybody reached is passed over as already invited.
    const repeat = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId: wide, locale: 'en' },
    });
    expect(repeat.status).toBe(202);
    await drain();
    expect(((await runOf(surveyId, repeat.body.id as string)).body as Run).counts).toMatchObject({
      invited: 0,
      alreadyInvited: WIDE,
      skippedNoConsent: 1,
      skippedNoEmail: 1,
    });

    // An overlapping segment: only its 8 new members are invited.
    const late = await newSegment(owner.auth, 'late');
    const overlap = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId: late, locale: 'zh' },
    });
    await drain();
    expect(((await runOf(surveyId, overlap.body.id as string)).body as Run).counts).toMatchObject({
      examined: 2 * LATE,
      invited: LATE,
      alreadyInvited: LATE,
    });
    expect(await sentCount(surveyId)).toBe(WIDE + LATE);
    for (const customerId of [tagged.wide[0], tagged.wide[WIDE - 1], tagged.late[0]] as string[]) {
      expect((await invitationsOf(customerId)).filter((inv) => inv.surveyId === surveyId)).toHaveLength(1);
    }
    // The listed form claims the same way: a customer reached by the runs is skipped.
    const listed = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { customerIds: [tagged.wide[1], refused] },
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body).toEqual({
      sent: [],
      skipped: [
        { customerId: tagged.wide[1], reason: 'already_invited' },
        { customerId: refused, reason: 'no_consent' },
      ],
    });
    const runs = await call(app, 'GET', `/v1/surveys/${surveyId}/send-runs`, { auth: owner.auth });
    expect((runs.body.items as Run[]).map((run) => run.id)).toEqual([overlap.body.id, repeat.body.id, runId]);
  }, 180_000);

  it('resumes a run after a crash between pages, at its saved page, inviting nobody twice', async () => {
    const surveyId = await newSurvey(owner.auth, 'Crash');
    const wide = await newSegment(owner.auth, 'wide');
    const started = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId: wide },
    });
    const runId = started.body.id as string;
    // A worker whose segment reads fail after its first page: it dies between pages 2 and 3.
    let reads = 0;
    const crashing = createServices({
      table: table.client,
      signingKey: testSigningKey,
      publicUrl: TEST_PUBLIC_URL,
      clock,
      surveySendPageSize: PAGE,
    });
    const membersOfFilter = crashing.segments.membersOfFilter.bind(crashing.segments);
    crashing.segments.membersOfFilter = async (...args) => {
      reads++;
      if (reads === 2) throw new Error('worker killed');
      return membersOfFilter(...args);
    };
    const crashed = await resumeSurveySends({ table: table.client, surveys: crashing.surveys, clock });
    expect(crashed).toEqual({ resumed: 0, finished: 0, failed: 1 });
    const halfway = (await runOf(surveyId, runId)).body as Run;
    expect(halfway).toMatchObject({ status: 'running', pages: 2, counts: { examined: 2 * PAGE } });
    // The first 20 members are the oldest customers, all with an address.
    expect(await sentCount(surveyId)).toBe(2 * PAGE);

    // Held by the dead worker's lease: nobody takes it until the lease runs out.
    expect(await pass()).toEqual({ resumed: 0, finished: 0, failed: 0 });
    now += SURVEY_SEND_LEASE_MS + 1000;
    await drain();
    const finished = (await runOf(surveyId, runId)).body as Run;
    expect(finished).toMatchObject({
      status: 'finished',
      pages: 4,
      counts: {
        examined: WIDE + 2,
        invited: WIDE,
        alreadyInvited: 0,
        skippedNoConsent: 1,
        skippedNoEmail: 1,
      },
    });
    expect(await sentCount(surveyId)).toBe(WIDE);
  }, 180_000);

  it('redoes a page a worker died within: this run’s own claims count as invited, nobody is invited twice', async () => {
    const surveyId = await newSurvey(owner.auth, 'Retry');
    const late = await newSegment(owner.auth, 'late');
    const started = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId: late },
    });
    const runId = started.body.id as string;
    expect(started.body).toMatchObject({ pages: 1, counts: { invited: PAGE } });
    // As if the worker had died after inviting the first page's members but before saving it.
    await table.client.doc.send(
      new UpdateCommand({
        TableName: table.client.tableName,
        Key: keys.surveySendRun(owner.tenantId, surveyId, runId),
        UpdateExpression: 'SET pages = :zero, counts = :empty, #cursor = :none',
        ExpressionAttributeNames: { '#cursor': 'cursor' },
        ExpressionAttributeValues: { ':zero': 0, ':empty': emptySurveySendCounts(), ':none': null },
      }),
    );
    now += SURVEY_SEND_LEASE_MS + 1000;
    await drain();
    const finished = (await runOf(surveyId, runId)).body as Run;
    expect(finished).toMatchObject({
      status: 'finished',
      pages: 2,
      counts: { examined: 2 * LATE, invited: 2 * LATE, alreadyInvited: 0 },
    });
    expect(await sentCount(surveyId)).toBe(2 * LATE);
  }, 120_000);

  it('mails a customer whose worker died between its claim and the outbox once, when the run resumes', async () => {
    const surveyId = await newSurvey(owner.auth, 'Claim crash');
    const emails = [uniqueEmail('cc0'), uniqueEmail('cc1'), uniqueEmail('cc2')];
    for (const [index, email] of emails.entries())
      await newCustomer({ name: `CC${index}`, email, tags: ['claimcrash'] });
    const segmentId = await newSegment(owner.auth, 'claimcrash');
    const surveyMails = async () =>
      (
        ((await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth })).body.items ?? []) as {
          to: string;
          kind?: string;
          text: string;
        }[]
      ).filter((mail) => mail.kind === 'survey' && emails.includes(mail.to));

    // The worker that starts the run dies right after its first claim's transaction.
    const crashing = crashingTable(table.client, putsItemOfType('surveyClaim'));
    const dying = createServices({
      table: crashing.client,
      signingKey: testSigningKey,
      publicUrl: TEST_PUBLIC_URL,
      clock,
      surveySendPageSize: PAGE,
    });
    await expect(
      dying.surveys.send(
        { tenantId: owner.tenantId, actorId: owner.userId, surveyId },
        { segmentId, locale: 'en' },
      ),
    ).rejects.toBeInstanceOf(WorkerDied);
    const [run] = (await call(app, 'GET', `/v1/surveys/${surveyId}/send-runs`, { auth: owner.auth })).body
      .items as Run[];
    expect(run).toMatchObject({ status: 'running', pages: 0 });
    expect(await sentCount(surveyId)).toBe(1);
    expect(await surveyMails()).toEqual([]);

    // Past the run's lease two workers take the page at the same instant: one mails the claim
    // left behind, one saves the page; the other waits for a claim it finds being handed over.
    now += SURVEY_SEND_LEASE_MS + 1000;
    const entry = { tenantId: owner.tenantId, surveyId, runId: run?.id ?? '' };
    await Promise.all([surveys.carryOnRun(entry), surveys.carryOnRun(entry)]);
    now += SURVEY_CLAIM_LEASE_MS + 1000;
    await drain();

    const mails = await surveyMails();
    expect(mails.map((mail) => mail.to).sort()).toEqual([...emails].sort());
    const finished = (await runOf(surveyId, entry.runId)).body as Run;
    expect(finished).toMatchObject({
      status: 'finished',
      counts: { examined: 3, invited: 3, alreadyInvited: 0, bounced: 0 },
    });
    expect(await sentCount(surveyId)).toBe(3);
    // Every mailed link opens its survey, the one mailed late (a new link) too.
    for (const mail of mails) {
      const token = /\/s\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      expect(token).toBeDefined();
      const page = await call(app, 'GET', `/v1/public/surveys/${token}`);
      expect(page.status, mail.to).toBe(200);
    }
  }, 120_000);

  it('keeps another tenant from reading or starting a run', async () => {
    const surveyId = await newSurvey(owner.auth, 'Private');
    const wide = await newSegment(owner.auth, 'late');
    const started = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { segmentId: wide },
    });
    expect(started.status).toBe(202);
    const runId = started.body.id as string;
    expect((await runOf(surveyId, runId, other.auth)).status).toBe(404);
    expect((await call(app, 'GET', `/v1/surveys/${surveyId}/send-runs`, { auth: other.auth })).status).toBe(
      404,
    );
    // B cannot send A's survey, nor its own survey to A's segment.
    const intoA = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: other.auth,
      body: { segmentId: wide },
    });
    expect(intoA.status).toBe(404);
    const bSurvey = await newSurvey(other.auth, 'B own');
    const aSegment = await call(app, 'POST', `/v1/surveys/${bSurvey}/send`, {
      auth: other.auth,
      body: { segmentId: wide },
    });
    expect(aSegment.status).toBe(400);
    expect((aSegment.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'segmentId',
    ]);
    await drain();
    expect(((await runOf(surveyId, runId)).body as Run).status).toBe('finished');
  }, 120_000);
});
