import { LivePrincipals } from '@crm/app';
import { newId } from '@crm/domain';
import { createTableClient } from '@crm/dynamodb';
import { expect, it } from 'vitest';
import { testDynamoDbEndpoint, testTableName } from '../support/test-table.js';
import { newTestTenantId } from '../support/test-tenant.js';

it("shares one read of a user's live role among a burst of requests, and reads again once it expires", async () => {
  const client = createTableClient({ tableName: testTableName(), endpoint: testDynamoDbEndpoint() });
  let reads = 0;
  client.doc.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'GetCommand' || context.commandName === 'GetItemCommand') reads += 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countReads' },
  );
  let now = Date.UTC(2026, 0, 1);
  const principals = new LivePrincipals({
    tenantClient: () => client,
    clock: () => new Date(now),
    ttlMs: 5_000,
  });
  const user = { tenantId: newTestTenantId(), userId: newId() };

  const burst = await Promise.all(Array.from({ length: 20 }, () => principals.user(user)));
  now += 5_000;
  await Promise.all(Array.from({ length: 20 }, () => principals.user(user)));

  // No such user: every caller is told so, from one read per expiry.
  expect(burst).toEqual(Array(20).fill(undefined));
  expect(reads).toBe(2);
  client.doc.destroy();
});
