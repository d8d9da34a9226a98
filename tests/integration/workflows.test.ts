import { createWorkflowRunner, WORKFLOW_RUN_TIMEOUT_MS } from '@crm/app/workflows';
import type { Workflow } from '@crm/domain';
import { sharedClientFactory, WorkflowRepository, WorkflowWaits } from '@crm/dynamodb';
import { startWorkflowTimer } from '@crm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant, uniqueEmail } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

type Run = {
  id: string;
  status: string;
  depth: number;
  eventId: string;
  plan: Record<string, unknown>;
  steps: { type: string; status: string; result?: Record<string, unknown>; error?: string }[];
  resumeAt?: string;
};

/** Workflows (issue 12): definitions over the API, runs from the stream, waits from the timer. */
describe('workflows', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;
  let stream: Awaited<ReturnType<typeof startReactions>>;

  const newCustomer = async (name: string, extra: Record<string, unknown> = {}) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business', ownerId: owner.userId, ...extra },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; version: number };
  };
  const patchCustomer = async (customer: { id: string }, patch: Record<string, unknown>) => {
    const current = await call(app, 'GET', `/v1/customers/${customer.id}`, { auth: owner.auth });
    const patched = await call(app, 'PATCH', `/v1/customers/${customer.id}`, {
      auth: owner.auth,
      body: { ...patch, version: current.body.version },
    });
    expect(patched.status).toBe(200);
  };
  const newWorkflow = async (definition: Record<string, unknown>) => {
    const created = await call(app, 'POST', '/v1/workflows', {
      auth: owner.auth,
      body: { status: 'active', ...definition },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as Workflow;
  };
  const runsOf = async (workflowId: string) => {
    const listed = await call(app, 'GET', `/v1/workflows/${workflowId}/runs`, { auth: owner.auth });
    expect(listed.status).toBe(200);
    return listed.body.items as Run[];
  };
  /** Lets the stream carry each write and the writes its reactions make, until `done` holds. */
  const until = async (done: () => Promise<boolean>, timeoutMs = 8_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the stream');
      await stream.settle();
    }
  };

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Workflow tenant');
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('runs from a customer write through the stream: a task for the owner and a field updated', async () => {
    const workflow = await newWorkflow({
      name: 'Lost customers → win back',
      trigger: { type: 'event', event: 'customer.updated', filter: { changed: ['status'] } },
      conditions: { op: 'changed_to', path: 'data.status', value: 'lost' },
      actions: [
        { type: 'task', assignTo: 'owner', title: 'Win the customer back', dueInHours: 48 },
        { type: 'update_customer', addTags: ['win-back'], lifecycleStage: 'decline' },
      ],
    });
    const customer = await newCustomer('Drifting Co', { status: 'active' });
    await patchCustomer(customer, { status: 'lost' });
    await until(async () => (await runsOf(workflow.id)).some((run) => run.status === 'completed'));

    const [run] = await runsOf(workflow.id);
    expect(run?.depth).toBe(1);
    expect(run?.steps.map((step) => [step.type, step.status])).toEqual([
      ['task', 'done'],
      ['update_customer', 'done'],
    ]);
    const after = await call(app, 'GET', `/v1/customers/${customer.id}`, { auth: owner.auth });
    expect(after.body).toMatchObject({
      tags: ['win-back'],
      lifecycleStage: 'decline',
      updatedBy: `workflow:${run?.id}`,
    });
    const tasks = await call(app, 'GET', `/v1/tasks?customerId=${customer.id}`, { auth: owner.auth });
    expect(tasks.body.items).toEqual([
      expect.objectContaining({
        kind: 'workflow',
        assigneeId: owner.userId,
        details: expect.objectContaining({ title: 'Win the customer back', runId: run?.id }),
      }),
    ]);

    // The dry run on the same real event plans exactly what the run recorded.
    const dry = await call(app, 'POST', `/v1/workflows/${workflow.id}/test`, {
      auth: owner.auth,
      body: { eventId: run?.eventId },
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual(run?.plan);

    // A redelivered event finds the run and starts nothing.
    const stored = await new WorkflowRepository(
      sharedClientFactory(table)(owner.tenantId),
      owner.tenantId,
    ).getRun(run?.id as string);
    const again = await createWorkflowRunner({ table }).start(
      owner.tenantId,
      workflow,
      stored?.event as never,
      {
        trigger: 'event',
        causeDepth: 0,
      },
    );
    expect(again.created).toBe(false);
    expect(await runsOf(workflow.id)).toHaveLength(1);
  });

  it('opens a complaint for an unhappy survey answer through the shipped template, not for a happy one (issue 14)', async () => {
    const draft = await call(app, 'POST', '/v1/workflows/from-template', {
      auth: owner.auth,
      body: { templateId: 'low-survey-score-complaint' },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const activated = await call(app, 'PATCH', `/v1/workflows/${draft.body.id as string}`, {
      auth: owner.auth,
      body: { status: 'active', version: draft.body.version },
    });
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    const [unhappyEmail, happyEmail] = [uniqueEmail('unhappy'), uniqueEmail('happy')];
    const unhappy = await newCustomer('Unhappy Co', { email: unhappyEmail });
    const happy = await newCustomer('Happy Co', { email: happyEmail });
    const survey = await call(app, 'POST', '/v1/surveys', {
      auth: owner.auth,
      body: {
        title: { zh: '满意度', en: 'Satisfaction' },
        questions: [{ id: 'csat', kind: 'csat', text: { zh: '满意吗？', en: 'Satisfied?' } }],
      },
    });
    const surveyId = survey.body.id as string;
    await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: owner.auth,
      body: { status: 'active', version: 1 },
    });
    const sent = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { customerIds: [unhappy.id, happy.id] },
    });
    expect(sent.body.sent).toHaveLength(2);
    const mails = (await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth })).body.items as {
      to: string;
      text: string;
    }[];
    const answer = async (email: string, csat: number) => {
      const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(mails.find((mail) => mail.to === email)?.text ?? '')?.[1];
      const answered = await call(app, 'POST', `/v1/public/surveys/${token}`, {
        body: { answers: { csat } },
      });
      expect(answered.status, JSON.stringify(answered.body)).toBe(204);
    };
    await answer(happyEmail, 5);
    await answer(unhappyEmail, 1);
    const complaintsOf = async (customerId: string) =>
      (await call(app, 'GET', `/v1/complaints?customerId=${customerId}`, { auth: owner.auth })).body
        .items as { summary: string; severity: string; step: string }[];
    await until(async () => (await complaintsOf(unhappy.id)).length > 0);
    expect(await complaintsOf(unhappy.id)).toEqual([
      expect.objectContaining({
        summary: 'Low satisfaction score in a survey',
        severity: 'high',
        step: 'recorded',
      }),
    ]);
    await stream.settle();
    expect(await complaintsOf(happy.id)).toEqual([]);
  });

  it('stops two workflows feeding each other at the depth limit', async () => {
    const pingPong = (from: string, to: string) =>
      newWorkflow({
        name: `${from} → ${to}`,
        trigger: { type: 'event', event: 'customer.updated', filter: { changed: ['tags'] } },
        conditions: { op: 'contains', path: 'data.tags', value: from },
        actions: [{ type: 'update_customer', addTags: [to], removeTags: [from] }],
      });
    const ping = await pingPong('ping', 'pong');
    const pong = await pingPong('pong', 'ping');
    const customer = await newCustomer('Loop Ltd');
    await patchCustomer(customer, { tags: ['ping'] });
    await until(async () => (await runsOf(pong.id)).some((run) => run.status === 'stopped'));

    const pings = await runsOf(ping.id);
    const pongs = await runsOf(pong.id);
    expect(pings.map((run) => [run.depth, run.status]).sort()).toEqual([
      [1, 'completed'],
      [3, 'completed'],
    ]);
    expect(pongs.map((run) => [run.depth, run.status]).sort()).toEqual([
      [2, 'completed'],
      [4, 'stopped'],
    ]);
    expect(pongs.find((run) => run.status === 'stopped')?.steps).toEqual([]);
    await stream.settle();
    expect(await runsOf(ping.id)).toHaveLength(2);
  });

  it('continues a stored wait after the timer restarts', async () => {
    const workflow = await newWorkflow({
      name: 'Wait, then tag',
      trigger: { type: 'manual' },
      actions: [
        { type: 'wait', hours: 2 },
        { type: 'update_customer', addTags: ['followed-up'] },
      ],
    });
    const customer = await newCustomer('Patient Inc');
    const started = await call(app, 'POST', `/v1/workflows/${workflow.id}/run`, {
      auth: owner.auth,
      body: { customerId: customer.id },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'waiting', nextStep: 1 });

    // The first timer finds nothing due and is stopped, as when the local runtime stops.
    const first = startWorkflowTimer({ table, log: () => {}, intervalMs: 60_000 });
    await first.tick();
    await first.stop();
    expect((await runsOf(workflow.id))[0]?.status).toBe('waiting');

    // A new timer, three hours on, continues the stored run.
    const later = () => new Date(Date.now() + 3 * 3_600_000);
    const second = startWorkflowTimer({ table, log: () => {}, intervalMs: 60_000, clock: later });
    await second.tick();
    await second.stop();
    const [run] = await runsOf(workflow.id);
    expect(run?.status).toBe('completed');
    expect(run?.steps.map((step) => [step.type, step.status])).toEqual([
      ['wait', 'waiting'],
      ['update_customer', 'done'],
    ]);
    const after = await call(app, 'GET', `/v1/customers/${customer.id}`, { auth: owner.auth });
    expect(after.body.tags).toEqual(['followed-up']);
  });

  it('records a run its worker left running past the timeout as failed, and leaves a recent one alone', async () => {
    const workflow = await newWorkflow({
      name: 'Tag on demand',
      trigger: { type: 'manual' },
      actions: [{ type: 'update_customer', addTags: ['demanded'] }],
    });
    const customer = await newCustomer('Crashy Co');
    const started = await call(app, 'POST', `/v1/workflows/${workflow.id}/run`, {
      auth: owner.auth,
      body: { customerId: customer.id },
    });
    expect(started.status).toBe(201);
    const runId = started.body.id as string;
    const repository = new WorkflowRepository(sharedClientFactory(table)(owner.tenantId), owner.tenantId);
    const finished = await repository.getRun(runId);
    if (!finished?.runningSince) throw new Error('the run was stored without runningSince');
    // Back to how a worker that died before saving its first step leaves it.
    const { finishedAt: _finishedAt, durationMs: _durationMs, ...rest } = finished;
    const crashed = {
      ...rest,
      status: 'running' as const,
      steps: [],
      nextStep: 0,
      revision: finished.revision + 1,
    };
    expect(await repository.saveRun(crashed, finished.revision)).toBe(true);

    // The watch the run was given when its worker took it up is due after the timeout.
    const pastTimeout = Date.parse(finished.runningSince) + WORKFLOW_RUN_TIMEOUT_MS + 60_000;
    const due = await new WorkflowWaits(table).due(new Date(pastTimeout).toISOString(), 10_000);
    expect(due.filter((marker) => marker.runId === runId)).toHaveLength(1);

    // Before the timeout the scheduler leaves it running: its worker may still be busy.
    const early = createWorkflowRunner({ table, clock: () => new Date(pastTimeout - 120_000) });
    expect(await early.resume(owner.tenantId, runId)).toBeUndefined();
    expect((await repository.getRun(runId))?.status).toBe('running');

    const late = createWorkflowRunner({ table, clock: () => new Date(pastTimeout) });
    const failed = await late.resume(owner.tenantId, runId);
    expect(failed).toMatchObject({
      status: 'failed',
      steps: [],
      error: expect.stringMatching(/^Interrupted during step 1 \(update_customer\)/),
    });
    expect((await runsOf(workflow.id))[0]).toMatchObject({
      status: 'failed',
      finishedAt: new Date(pastTimeout).toISOString(),
    });
    // Failed, not done again: the customer was tagged once, by the first worker.
    expect(await late.resume(owner.tenantId, runId)).toBeUndefined();
  });

  it('refuses bad definitions with field errors and writes nothing', async () => {
    const before = await call(app, 'GET', '/v1/workflows', { auth: owner.auth });
    const bad = await call(app, 'POST', '/v1/workflows', {
      auth: owner.auth,
      body: {
        name: 'Broken',
        trigger: { type: 'event', event: 'customer.exploded' },
        conditions: { op: 'matches', path: 'data.name', value: 'process.exit()' },
        actions: [],
      },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error as { fields: { path: string }[] }).fields.map((field) => field.path);
    expect(paths, JSON.stringify(bad.body)).toEqual(expect.arrayContaining(['trigger.event', 'actions']));
    expect(paths.some((path) => path.startsWith('conditions'))).toBe(true);

    const noEndpoint = await call(app, 'POST', '/v1/workflows', {
      auth: owner.auth,
      body: {
        name: 'To nowhere',
        trigger: { type: 'manual' },
        actions: [{ type: 'webhook', endpointId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }],
      },
    });
    expect(noEndpoint.status).toBe(400);
    expect((noEndpoint.body.error as { fields: unknown }).fields).toEqual([
      expect.objectContaining({ path: 'actions.0.endpointId' }),
    ]);
    const after = await call(app, 'GET', '/v1/workflows', { auth: owner.auth });
    expect((after.body.items as unknown[]).length).toBe((before.body.items as unknown[]).length);
  });

  it('creates drafts from the shipped templates and keeps edits versioned', async () => {
    const templates = await call(app, 'GET', '/v1/workflows/templates', { auth: owner.auth });
    expect((templates.body.items as { id: string }[]).map((template) => template.id)).toEqual([
      'credit-hold-notify-finance',
      'a-class-churn-risk',
      'complaint-acknowledge',
      'low-survey-score-complaint',
    ]);
    const needsEndpoint = await call(app, 'POST', '/v1/workflows/from-template', {
      auth: owner.auth,
      body: { templateId: 'credit-hold-notify-finance' },
    });
    expect(needsEndpoint.status).toBe(400);
    const draft = await call(app, 'POST', '/v1/workflows/from-template', {
      auth: owner.auth,
      body: { templateId: 'a-class-churn-risk' },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', template: 'a-class-churn-risk', version: 1 });
    const id = draft.body.id as string;

    const sample = await call(app, 'POST', `/v1/workflows/${id}/test`, {
      auth: owner.auth,
      body: { event: { data: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', abcClass: 'A', state: 'at_risk' } } },
    });
    expect(sample.body).toMatchObject({
      matched: true,
      actions: [expect.objectContaining({ type: 'task' })],
    });

    expect(
      (await call(app, 'PATCH', `/v1/workflows/${id}`, { auth: owner.auth, body: { status: 'active' } }))
        .status,
    ).toBe(428);
    const activated = await call(app, 'PATCH', `/v1/workflows/${id}`, {
      auth: owner.auth,
      body: { status: 'active' },
      headers: { 'if-match': '"1"' },
    });
    expect(activated.body).toMatchObject({ status: 'active', version: 2 });
    const stale = await call(app, 'PATCH', `/v1/workflows/${id}`, {
      auth: owner.auth,
      body: { status: 'inactive', version: 1 },
    });
    expect(stale.status).toBe(409);
  });

  it('stops a workflow triggered by workflow runs finishing, its own included, at the depth limit', async () => {
    const kick = await newWorkflow({
      name: 'kick',
      trigger: { type: 'event', event: 'customer.updated', filter: { changed: ['tags'] } },
      conditions: { op: 'contains', path: 'data.tags', value: 'kick' },
      actions: [{ type: 'update_customer', addTags: ['kicked'], removeTags: ['kick'] }],
    });
    const echo = await newWorkflow({
      name: 'echo every finished run',
      trigger: { type: 'event', event: 'workflow.run.completed' },
      actions: [{ type: 'update_customer', addTags: ['echo'] }],
    });
    try {
      const customer = await newCustomer('Echo Ltd');
      await patchCustomer(customer, { tags: ['kick'] });
      await until(async () => (await runsOf(echo.id)).some((run) => run.status === 'stopped'));

      expect((await runsOf(kick.id)).map((run) => [run.depth, run.status])).toEqual([[1, 'completed']]);
      const echoes = await runsOf(echo.id);
      expect(echoes.map((run) => [run.depth, run.status]).sort()).toEqual([
        [2, 'completed'],
        [3, 'completed'],
        [4, 'stopped'],
      ]);
      const [first] = await runsOf(kick.id);
      expect(echoes.find((run) => run.depth === 2)?.plan).toMatchObject({
        eventType: 'workflow.run.completed',
        customerId: customer.id,
      });
      expect(echoes.find((run) => run.depth === 2)?.eventId).not.toBe(first?.eventId);
      // A stopped run is no event: nothing follows it.
      await stream.settle();
      expect(await runsOf(echo.id)).toHaveLength(3);
      const tagged = await call(app, 'GET', `/v1/customers/${customer.id}`, { auth: owner.auth });
      expect(tagged.body.tags).toEqual(['kicked', 'echo']);
    } finally {
      // Deactivated, so the runs of other tests in this tenant echo nowhere.
      for (const workflow of [kick, echo]) {
        await call(app, 'PATCH', `/v1/workflows/${workflow.id}`, {
          auth: owner.auth,
          body: { status: 'inactive', version: workflow.version },
        });
      }
    }
  });
});
