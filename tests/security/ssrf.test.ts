import { dueTenantsScheduler, type HostResolver, WebhookDeliveryWorker } from '@crm/app/webhooks';
import { sharedClientFactory } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Webhook URLs cannot reach the inside (issue 12): private, loopback, link-local, CGNAT, multicast
 * and cloud-metadata addresses, in every IPv4 and IPv6 spelling, are refused when the endpoint is
 * created and again at every send, and a send connects to the address that was checked.
 */

/** A resolver with fixed answers: what a hostile DNS could say, without needing the network. */
const answers = new Map<string, string>([
  ['hooks.public.test', '93.184.215.14'],
  ['hooks.private.test', '10.1.2.3'],
  ['hooks.metadata.test', '169.254.169.254'],
  ['hooks.local.test', '127.0.0.1'],
]);
const resolveFrom =
  (table: Map<string, string>): HostResolver =>
  async (hostname) => {
    const address = table.get(hostname);
    if (!address) throw new Error(`ENOTFOUND ${hostname}`);
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };

describe('SSRF: webhook targets outside the local runtime', () => {
  const app = createTestApp({ webhooks: { resolve: resolveFrom(answers) } });
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'SSRF Tenant');
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'https://127.0.0.1/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://10.0.0.1/hook',
    'https://100.64.0.1/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:a9fe:a9fe]/hook',
    'https://[fe80::1]/hook',
    'https://224.0.0.1/hook',
    'https://0.0.0.0/hook',
    'https://hooks.private.test/hook',
    'https://hooks.metadata.test/hook',
    'https://hooks.local.test/hook',
    'http://hooks.public.test/hook',
    'https://unresolvable.test/hook',
  ])('refuses %s at creation with a 400 on url', async (url) => {
    const response = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url, events: ['customer.*'] },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('url');
  });

  it('refuses a private URL on edit too', async () => {
    const created = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'https://hooks.public.test/hook', events: ['customer.*'] },
    });
    expect(created.status).toBe(201);
    const patched = await call(app, 'PATCH', `/v1/webhooks/${created.body.id}`, {
      auth: owner.auth,
      body: { url: 'https://10.0.0.1/hook', version: created.body.version },
    });
    expect(patched.status).toBe(400);
  });
});

describe('SSRF: checked again at send, connecting to the checked address', () => {
  const app = createTestApp({ webhooks: { allowLoopback: true, resolve: resolveFrom(answers) } });
  let owner: SignedUpTenant;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'SSRF Send Tenant');
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  const worker = (options: { allowLoopback: boolean; dns: Map<string, string> }) =>
    new WebhookDeliveryWorker({
      tenantClient: sharedClientFactory(testTableClient()),
      clock: () => new Date(),
      policy: { allowLoopback: options.allowLoopback, resolve: resolveFrom(options.dns) },
      scheduler: dueTenantsScheduler(testTableClient()),
    });
  const lastAttempt = async (endpointId: string) => {
    const log = await call(app, 'GET', `/v1/webhooks/${endpointId}/deliveries`, { auth: owner.auth });
    const [delivery] = log.body.items as {
      attempts: { error?: string; reason?: string; status?: number }[];
    }[];
    return delivery?.attempts.at(-1);
  };

  it('refuses at send a name that now resolves to a private address (DNS rebinding)', async () => {
    const created = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: `http://hooks.local.test:${receiver.port}/hook`, events: ['customer.*'] },
    });
    expect(created.status).toBe(201);
    const ping = await call(app, 'POST', `/v1/webhooks/${created.body.id}/test`, { auth: owner.auth });
    expect(ping.status).toBe(202);
    const rebound = new Map(answers).set('hooks.local.test', '10.9.8.7');
    const result = await worker({ allowLoopback: true, dns: rebound }).attempt({
      tenantId: owner.tenantId,
      endpointId: created.body.id as string,
      messageId: ping.body.id as string,
    });
    expect(result).toBe('retry');
    expect(await lastAttempt(created.body.id as string)).toMatchObject({
      error: expect.stringMatching(/^blocked: .*private/),
      reason: 'blocked',
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses loopback at send when the host does not allow it (AWS)', async () => {
    const created = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: receiver.url('/aws'), events: ['customer.*'] },
    });
    const ping = await call(app, 'POST', `/v1/webhooks/${created.body.id}/test`, { auth: owner.auth });
    await worker({ allowLoopback: false, dns: answers }).attempt({
      tenantId: owner.tenantId,
      endpointId: created.body.id as string,
      messageId: ping.body.id as string,
    });
    expect(await lastAttempt(created.body.id as string)).toMatchObject({
      error: expect.stringMatching(/^blocked: /),
      reason: 'blocked',
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('connects to the address it checked, keeping the URL’s host name in the Host header', async () => {
    // The system resolver has never heard of hooks.local.test: the request can only arrive if the
    // connection used the checked answer instead of resolving the name again.
    const created = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: `http://hooks.local.test:${receiver.port}/pinned`, events: ['customer.*'] },
    });
    const ping = await call(app, 'POST', `/v1/webhooks/${created.body.id}/test`, { auth: owner.auth });
    const result = await worker({ allowLoopback: true, dns: answers }).attempt({
      tenantId: owner.tenantId,
      endpointId: created.body.id as string,
      messageId: ping.body.id as string,
    });
    expect(result).toBe('delivered');
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.headers.host).toBe(`hooks.local.test:${receiver.port}`);
  });
});
