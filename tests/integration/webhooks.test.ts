import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWebhookDeliveryTimer, type WebhookDeliveryTimer } from '@crm/local';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { ownTestTable } from '../support/test-table.js';
import { type ReceivedWebhook, startWebhookReceiver } from '../support/webhook-receiver.js';

type Delivery = {
  id: string;
  eventType: string;
  status: string;
  attempts: { status?: number; outcome: string; latencyMs: number; excerpt?: string; error?: string }[];
};

/** Polls `read` until `done` holds, up to `ms` (a loaded machine is slow). */
async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

const verified = (secret: string, received: ReceivedWebhook) =>
  new Webhook(secret).verify(received.body, received.headers as Record<string, string>) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
    changedFields?: string[];
    previous?: Record<string, unknown>;
  };

/**
 * Webhooks end to end (issue 12): the real reactions on DynamoDB Local's stream fan events out,
 * the local delivery timer (the same worker as AWS) signs and sends them to a real receiver on
 * this machine, with the retry schedule accelerated (three days in about three seconds).
 *
 * On a table of its own: the deliveries' timing is what is under test, and on the shared table
 * our poller would first work through every other file's backlog (hot-customer's bursts of orders).
 */
describe('webhooks', () => {
  const table = ownTestTable('webhooks');
  // Loopback is allowed as in the local runtime: the receivers listen on 127.0.0.1.
  const app = createTestApp({ webhooks: { allowLoopback: true }, table: table.client });
  let owner: SignedUpTenant;
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let timer: WebhookDeliveryTimer;

  const createEndpoint = async (body: Record<string, unknown>) => {
    const created = await call(app, 'POST', '/v1/webhooks', { auth: owner.auth, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; secret: string; version: number };
  };
  const deliveries = async (endpointId: string) =>
    (await call(app, 'GET', `/v1/webhooks/${endpointId}/deliveries`, { auth: owner.auth })).body
      .items as Delivery[];
  const endpoint = async (endpointId: string) =>
    (await call(app, 'GET', `/v1/webhooks/${endpointId}`, { auth: owner.auth })).body;
  const newCustomer = async (name: string, kind = 'business') => {
    const created = await call(app, 'POST', '/v1/customers', { auth: owner.auth, body: { name, kind } });
    expect(created.status).toBe(201);
    return created.body as { id: string; version: number };
  };

  beforeAll(async () => {
    await table.ensure();
    stream = await startReactions([], { table });
    timer = startWebhookDeliveryTimer({
      table: table.client,
      log: () => {},
      intervalMs: 100,
      timeScale: 1e-5,
    });
    owner = await signUpTenant(app, 'Webhook Tenant');
  });
  afterAll(async () => {
    await timer?.stop();
    await stream?.stop();
  });

  it('delivers customer.created, signed, to the URL of the acceptance contract within 5 s', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const hook = await createEndpoint({ url: receiver.url(), events: ['customer.*'] });
      expect(hook.secret).toMatch(/^whsec_/);
      const began = Date.now();
      const customer = await newCustomer('Webhook 客户');
      await until(
        () => receiver.received.length,
        (count) => count > 0,
        5_000,
      );
      expect(Date.now() - began).toBeLessThan(5_000);
      const [first] = receiver.received as [ReceivedWebhook];
      const payload = verified(hook.secret, first);
      expect(payload.type).toBe('customer.created');
      expect(payload.data.id).toBe(customer.id);
      expect(payload.data).not.toHaveProperty('pk');
      expect(Date.parse(payload.timestamp)).not.toBeNaN();

      // An update carries the fields that changed and their values before.
      const patched = await call(app, 'PATCH', `/v1/customers/${customer.id}`, {
        auth: owner.auth,
        body: { status: 'dormant', version: customer.version },
      });
      expect(patched.status).toBe(200);
      await until(
        () => receiver.received.length,
        (count) => count > 1,
      );
      const update = verified(hook.secret, receiver.received[1] as ReceivedWebhook);
      expect(update.type).toBe('customer.updated');
      expect(update.changedFields).toEqual(['status']);
      expect(update.previous).toEqual({ status: 'prospect' });

      const log = await until(
        () => deliveries(hook.id),
        (items) => items.every((item) => item.status === 'delivered'),
      );
      expect(log.map((item) => item.eventType).sort()).toEqual(['customer.created', 'customer.updated']);
      expect(log[0]?.attempts[0]).toMatchObject({ status: 200, outcome: 'delivered', excerpt: 'ok' });
    } finally {
      await receiver.close();
    }
  });

  it('delivers to a healthy receiver on time while another one hangs without answering', async () => {
    // Accepts every connection and never answers: each attempt holds its socket up to the timeout.
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const receiver = await startWebhookReceiver();
    try {
      const port = (hanging.address() as AddressInfo).port;
      await createEndpoint({ url: `http://127.0.0.1:${port}/hook`, events: ['customer.created'] });
      await createEndpoint({ url: receiver.url(), events: ['customer.created'] });
      for (let index = 0; index < 3; index++) {
        const began = Date.now();
        const customer = await newCustomer(`Busy receiver ${index}`);
        const arrived = await until(
          () => receiver.received.some((received) => received.body.includes(customer.id)),
          (found) => found,
          10_000,
        );
        expect(arrived, `delivery ${index} to the healthy receiver`).toBe(true);
        // Well under the 15 s a hanging attempt may take: nothing waited for it.
        expect(Date.now() - began).toBeLessThan(8_000);
      }
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
      await receiver.close();
    }
  });

  it('retries a failing receiver until it recovers: every event arrives, each id verified once', async () => {
    const failFirst = 3;
    const receiver = await startWebhookReceiver(({ index }) => ({ status: index < failFirst ? 500 : 200 }));
    try {
      const hook = await createEndpoint({
        url: receiver.url(),
        events: ['customer.created'],
        filter: { equals: { kind: 'business' } },
      });
      await newCustomer('Retry A');
      await newCustomer('Retry B');
      await newCustomer('Filtered out', 'consumer');
      const log = await until(
        () => deliveries(hook.id),
        (items) => items.length === 2 && items.every((item) => item.status === 'delivered'),
      );
      expect(log).toHaveLength(2);
      const succeeded = receiver.received.filter((received) => received.status === 200);
      const ids = succeeded.map((received) => {
        verified(hook.secret, received);
        return received.headers['webhook-id'];
      });
      expect(new Set(ids).size).toBe(2);
      expect(ids).toHaveLength(2);
      // The failed attempts were retried with the same id, and the log shows each of them.
      expect(log.flatMap((item) => item.attempts)).toHaveLength(failFirst + 2);
      expect(
        log.flatMap((item) => item.attempts).filter((attempt) => attempt.outcome === 'retry'),
      ).toHaveLength(failFirst);
      expect((await endpoint(hook.id)).enabled).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('disables an endpoint at once when the receiver answers 410 Gone', async () => {
    const receiver = await startWebhookReceiver(() => ({ status: 410 }));
    try {
      const hook = await createEndpoint({ url: receiver.url(), events: ['customer.created'] });
      await newCustomer('Gone');
      const state = await until(
        () => endpoint(hook.id),
        (body) => body.enabled === false,
      );
      expect(state).toMatchObject({ enabled: false, disabledReason: 'gone' });
      expect(receiver.received).toHaveLength(1);
      const [delivery] = await deliveries(hook.id);
      expect(delivery?.status).toBe('failed');
      expect(delivery?.attempts).toHaveLength(1);
      // Re-enabling by hand starts afresh.
      const enabled = await call(app, 'PATCH', `/v1/webhooks/${hook.id}`, {
        auth: owner.auth,
        body: { enabled: true, version: state.version },
      });
      expect(enabled.body).toMatchObject({ enabled: true });
      expect(enabled.body).not.toHaveProperty('disabledReason');
    } finally {
      await receiver.close();
    }
  });

  it('disables an endpoint whose receiver stays down for the whole schedule, and announces it', async () => {
    const down = await startWebhookReceiver(() => ({ status: 503 }));
    const watcher = await startWebhookReceiver();
    try {
      const watch = await createEndpoint({ url: watcher.url('/watch'), events: ['webhook.*'] });
      const hook = await createEndpoint({ url: down.url(), events: ['customer.created'] });
      await newCustomer('Never arrives');
      const state = await until(
        () => endpoint(hook.id),
        (body) => body.enabled === false,
        30_000,
      );
      expect(state).toMatchObject({ enabled: false, disabledReason: 'failing' });
      const [delivery] = await deliveries(hook.id);
      expect(delivery?.status).toBe('failed');
      expect(delivery?.attempts).toHaveLength(10);
      expect(down.received).toHaveLength(10);
      expect(new Set(down.received.map((received) => received.headers['webhook-id'])).size).toBe(1);

      // The catalog event tells whoever listens (the admin alert hooks in here). Endpoints of the
      // earlier tests, whose receivers are closed, may be announced too.
      const announcementOf = () =>
        watcher.received
          .map((received) => verified(watch.secret, received))
          .find((payload) => payload.data.id === hook.id);
      const announced = await until(announcementOf, (payload) => payload !== undefined);
      expect(announced?.type).toBe('webhook.endpoint.disabled');
      expect(announced?.data).toMatchObject({ id: hook.id, disabledReason: 'failing' });
      expect(JSON.stringify(announced)).not.toContain('whsec_');

      // The admins find it in the alerts inbox, with the reason, until the endpoint is re-enabled.
      const alertOf = async () =>
        (
          (await call(app, 'GET', '/v1/alerts?type=webhook', { auth: owner.auth })).body.items as
            | {
                webhookId?: string;
                status: string;
                kind: string;
                customerId: string | null;
                reasons: unknown[];
              }[]
            | undefined
        )?.find((alert) => alert.webhookId === hook.id);
      const raised = await until(alertOf, (alert) => alert !== undefined);
      expect(raised).toMatchObject({
        kind: 'webhook.endpoint.disabled',
        status: 'open',
        customerId: null,
        reasons: [{ code: 'webhook.failing', figures: { url: down.url() } }],
      });
      // Endpoints are the admins' configuration: a member neither sees the alert nor acts on it.
      const member = await inviteUser(app, owner.auth, 'member', { table: table.client });
      for (const query of ['?type=webhook', '', '?status=open']) {
        const listed = await call(app, 'GET', `/v1/alerts${query}`, { auth: member.auth });
        expect(listed.status).toBe(200);
        expect((listed.body.items as { type: string }[]).filter((alert) => alert.type === 'webhook')).toEqual(
          [],
        );
      }
      const raisedId = (raised as unknown as { id: string }).id;
      const acknowledged = await call(app, 'POST', `/v1/alerts/${raisedId}/acknowledge`, {
        auth: member.auth,
      });
      expect(acknowledged.status).toBe(404);
      expect((await alertOf())?.status).toBe('open');

      // Recover: once the receiver is back and the endpoint enabled, every failure since is resent.
      down.respondWith(() => ({ status: 200 }));
      await call(app, 'PATCH', `/v1/webhooks/${hook.id}`, {
        auth: owner.auth,
        body: { enabled: true, version: state.version },
      });
      expect(await until(alertOf, (alert) => alert?.status === 'resolved')).toMatchObject({
        status: 'resolved',
      });
      const recovered = await call(app, 'POST', `/v1/webhooks/${hook.id}/recover`, {
        auth: owner.auth,
        body: { since: new Date(Date.now() - 3_600_000).toISOString() },
      });
      expect(recovered).toMatchObject({ status: 202, body: { queued: 1 } });
      const after = await until(
        () => deliveries(hook.id),
        (items) => items[0]?.status === 'delivered',
      );
      expect(after[0]?.attempts.at(-1)?.outcome).toBe('delivered');
      verified(hook.secret, down.received.at(-1) as ReceivedWebhook);
    } finally {
      await down.close();
      await watcher.close();
    }
  });

  it('pings, resends one delivery with the same id, and signs with both secrets during a rotation', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const hook = await createEndpoint({ url: receiver.url(), events: ['import.completed'] });
      const ping = await call(app, 'POST', `/v1/webhooks/${hook.id}/test`, { auth: owner.auth });
      expect(ping.status).toBe(202);
      await until(
        () => receiver.received.length,
        (count) => count === 1,
      );
      expect(verified(hook.secret, receiver.received[0] as ReceivedWebhook).type).toBe('webhook.ping');

      const rotated = await call(app, 'POST', `/v1/webhooks/${hook.id}/rotate-secret`, {
        auth: owner.auth,
        body: { overlapHours: 1 },
      });
      expect(rotated.status).toBe(200);
      const newSecret = rotated.body.secret as string;
      expect(newSecret).not.toBe(hook.secret);

      const resent = await call(app, 'POST', `/v1/webhooks/${hook.id}/deliveries/${ping.body.id}/resend`, {
        auth: owner.auth,
      });
      expect(resent.status).toBe(202);
      await until(
        () => receiver.received.length,
        (count) => count === 2,
      );
      const second = receiver.received[1] as ReceivedWebhook;
      expect(second.headers['webhook-id']).toBe(ping.body.id);
      expect(second.body).toBe(receiver.received[0]?.body);
      expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
      verified(hook.secret, second);
      verified(newSecret, second);
    } finally {
      await receiver.close();
    }
  });

  it('pages the delivery log newest first with a cursor, and refuses a cursor it did not issue', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const hook = await createEndpoint({ url: receiver.url(), events: ['import.completed'] });
      const sent: string[] = [];
      for (let ping = 0; ping < 5; ping++) {
        const answer = await call(app, 'POST', `/v1/webhooks/${hook.id}/test`, { auth: owner.auth });
        expect(answer.status).toBe(202);
        sent.push(answer.body.id as string);
      }
      const pages: { items: Delivery[]; nextCursor: string | null }[] = [];
      let cursor: string | null = null;
      do {
        const page = await call(
          app,
          'GET',
          `/v1/webhooks/${hook.id}/deliveries?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { auth: owner.auth },
        );
        expect(page.status).toBe(200);
        pages.push(page.body as { items: Delivery[]; nextCursor: string | null });
        cursor = page.body.nextCursor as string | null;
      } while (cursor && pages.length < 5);

      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
      const all = await deliveries(hook.id);
      expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(all.map((item) => item.id));
      expect(new Set(all.map((item) => item.id))).toEqual(new Set(sent));

      for (const bogus of ['bogus', Buffer.from('T#other#WEBHOOK#x').toString('base64url')]) {
        const refused = await call(app, 'GET', `/v1/webhooks/${hook.id}/deliveries?cursor=${bogus}`, {
          auth: owner.auth,
        });
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body)).toContain('cursor');
      }
    } finally {
      await receiver.close();
    }
  });

  it('refuses event names outside the catalog with a field-level 400', async () => {
    const refused = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'http://127.0.0.1:9/hook', events: ['custmer.*'] },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('events');
  });

  it('delivers workflow.run.completed and workflow.run.failed when a run finishes', async () => {
    const receiver = await startWebhookReceiver();
    const workflows: { id: string; version: number }[] = [];
    try {
      const hook = await createEndpoint({ url: receiver.url(), events: ['workflow.run.*'] });
      for (const [name, action] of [
        ['tags the customer', { type: 'update_customer', addTags: ['flow'] }],
        // The customer has no e-mail address, so this step fails and with it the run.
        ['mails the customer', { type: 'email', template: 'customer_notice' }],
      ] as const) {
        const created = await call(app, 'POST', '/v1/workflows', {
          auth: owner.auth,
          body: {
            name,
            status: 'active',
            trigger: { type: 'event', event: 'customer.created' },
            conditions: { op: 'eq', path: 'data.name', value: 'Workflow 客户' },
            actions: [action],
          },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        workflows.push(created.body as { id: string; version: number });
      }
      const customer = await newCustomer('Workflow 客户');

      const log = await until(
        () => deliveries(hook.id),
        (items) => items.length === 2 && items.every((item) => item.status === 'delivered'),
      );
      expect(log.map((item) => item.eventType).sort()).toEqual([
        'workflow.run.completed',
        'workflow.run.failed',
      ]);
      const payloads = receiver.received.map((received) => verified(hook.secret, received));
      const completed = payloads.find((payload) => payload.type === 'workflow.run.completed');
      const failed = payloads.find((payload) => payload.type === 'workflow.run.failed');
      expect(completed?.data).toMatchObject({
        workflowId: workflows[0]?.id,
        status: 'completed',
        customerId: customer.id,
        eventType: 'customer.created',
        steps: [expect.objectContaining({ type: 'update_customer', status: 'done' })],
      });
      expect(failed?.data).toMatchObject({
        workflowId: workflows[1]?.id,
        status: 'failed',
        error: expect.stringContaining('no e-mail address'),
        steps: [expect.objectContaining({ type: 'email', status: 'failed' })],
      });
      expect(completed?.data).not.toHaveProperty('plan');
    } finally {
      for (const workflow of workflows) {
        await call(app, 'PATCH', `/v1/workflows/${workflow.id}`, {
          auth: owner.auth,
          body: { status: 'inactive', version: workflow.version },
        });
      }
      await receiver.close();
    }
  });
});
