import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeWebhookSender, WebhookTimeoutError } from './webhook-sender.js';

describe('nodeWebhookSender', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  const listening = async (handler: Parameters<typeof createServer>[1]) => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: new URL(`http://127.0.0.1:${port}/hook`), address: '127.0.0.1', family: 4 as const };
  };

  it('rejects with a timeout, not a network error, when the receiver holds the connection unanswered', async () => {
    const target = await listening(() => {});
    const sent = nodeWebhookSender({ target, headers: {}, body: '{}', timeoutMs: 150 });
    await expect(sent).rejects.toBeInstanceOf(WebhookTimeoutError);
    await expect(sent).rejects.toThrow('no response within 0.15 s');
  });

  it('rejects with the network error when nothing listens', async () => {
    const target = await listening(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const sent = nodeWebhookSender({ target, headers: {}, body: '{}', timeoutMs: 2_000 });
    await expect(sent).rejects.toThrow(/ECONNREFUSED/);
    await expect(sent).rejects.not.toBeInstanceOf(WebhookTimeoutError);
  });

  it('answers with the status and the start of the body', async () => {
    const target = await listening((_request, response) => response.writeHead(202).end('queued'));
    await expect(
      nodeWebhookSender({ target, headers: {}, body: '{}', timeoutMs: 2_000 }),
    ).resolves.toMatchObject({
      status: 202,
      excerpt: 'queued',
    });
  });
});
