import { Agent, request } from 'node:http';
import { inMemorySigningKey } from '@crm/app';
import { createTableClient } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp, type ListeningServer, listen } from './local-server.js';

// A keep-alive client (Node's own Agent, as SDKs and load balancers use) must be able to send its
// next request on the same connection after any answer, including one that left the body unread.

let server: ListeningServer;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  const api = createApp({
    // No request here reaches the table: 413 and 401 are answered before any service runs.
    table: createTableClient({ tableName: 'keep-alive', endpoint: 'http://127.0.0.1:9' }),
    signingKey: inMemorySigningKey(),
  });
  server = await listen(createLocalApp({ api }), 0);
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

type Answer = { status: number; connection: string | undefined; socketPort: number | undefined };

function send(method: string, path: string, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${server.url}${path}`,
      {
        method,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            connection: response.headers.connection,
            socketPort: outgoing.socket?.localPort,
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('keep-alive connections of the local server', () => {
  it('stay usable after a 413 for a body over the limit', async () => {
    const tooLarge = await send('POST', '/v1/customers', Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.connection).toBe('close');
    const next = await send('GET', '/v1/me');
    expect(next.status).toBe(401);
  });

  it('stay usable after an answer that never read the body', async () => {
    const unread = await send('POST', '/v1/analytics/refit', Buffer.alloc(400 * 1024, 0x20));
    expect(unread.status).toBe(401);
    expect(unread.connection).toBe('close');
    const next = await send('GET', '/v1/me');
    expect(next.status).toBe(401);
  });

  it('stay open when the route read the body', async () => {
    // An invalid logout is refused by validation, after the body was read, before any table access.
    const read = await send('POST', '/v1/auth/logout', Buffer.from('{}'));
    const next = await send('GET', '/v1/me');
    expect(read.status).toBe(400);
    expect(read.connection).toBe('keep-alive');
    expect(next.socketPort).toBe(read.socketPort);
  });
});
