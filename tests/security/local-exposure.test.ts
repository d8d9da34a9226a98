import { existsSync } from 'node:fs';
import { createLocalApp, listen, readLocalConfig, startDynamoDbLocal } from '@crm/local';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { listeningAddresses } from '../support/listening-addresses.js';
import { testDynamoDbEndpoint } from '../support/test-table.js';

/**
 * Finding 2 of issue 17: DynamoDB Local has no authentication, so on any interface but loopback
 * anyone on the network could read every item with dummy credentials. The local runtime must
 * listen on 127.0.0.1 only, and its API server too unless HOST says otherwise.
 */
describe.runIf(existsSync('/proc/net/tcp'))('what the local runtime exposes to the network', () => {
  it('runs DynamoDB Local on 127.0.0.1 only', async () => {
    // The integration run's own server, unless the run reuses an external one.
    const external = process.env.DYNAMODB_ENDPOINT !== undefined;
    const server = external ? await startDynamoDbLocal({ inMemory: true }) : undefined;
    try {
      const endpoint = new URL(server?.endpoint ?? testDynamoDbEndpoint());
      expect(endpoint.hostname).toBe('127.0.0.1');
      expect(listeningAddresses(Number(endpoint.port))).toEqual(['127.0.0.1']);
    } finally {
      await server?.stop();
    }
  });

  it('serves the API on 127.0.0.1 only unless HOST says otherwise', async () => {
    const config = readLocalConfig({ PORT: '0' });
    expect(config.host).toBe('127.0.0.1');
    const app = createLocalApp({ api: new Hono() });
    const server = await listen(app, config.port, config.host);
    try {
      expect(listeningAddresses(server.port)).toEqual(['127.0.0.1']);
    } finally {
      await server.close();
    }
    const open = await listen(app, 0, readLocalConfig({ HOST: '0.0.0.0' }).host);
    try {
      expect(listeningAddresses(open.port)).toEqual(['0.0.0.0']);
    } finally {
      await open.close();
    }
  });

  it('refuses a HOST that is neither an address nor a host name', () => {
    expect(() => readLocalConfig({ HOST: 'evil host; rm -rf' })).toThrow(/HOST/);
  });
});
