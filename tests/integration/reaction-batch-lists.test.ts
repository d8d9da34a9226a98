import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import type { EntityChange, Reaction } from '@crm/domain';
import {
  createTableClient,
  keys,
  type TableClient,
  WebhookRepository,
  WorkflowRepository,
} from '@crm/dynamodb';
import { dynamoDbStreamEvent, dynamoDbStreamRecord } from '@crm/testing';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { ownTestTable, testDynamoDbEndpoint } from '../support/test-table.js';

const context = { functionName: 'crm-test-streams', awsRequestId: 'reaction-batch' } as Context;
/** Records in one batch, as the poller and Lambda deliver up to 100. */
const RECORDS = 12;

/**
 * The webhook fan-out and the workflows read their tenant's endpoint / workflow list once per
 * stream batch (ReactionBatch), not once per record (issue 18: the demo seed's ~200,000 Queries of
 * empty lists), and every record of the batch still gets its deliveries and runs.
 *
 * The batches are built here from the stored items, so their make-up is known; the reactions are
 * the production registry over a client that counts the Queries of the two lists. On a table of
 * its own, so no other file's poller handles these records first.
 */
describe('reaction batch lists', () => {
  const table = ownTestTable('reaction-batch');
  const app = createTestApp({ webhooks: { allowLoopback: true }, table: table.client });
  let owner: SignedUpTenant;
  let endpointId: string;
  let workflowId: string;

  /** A client on the same table that notes the partition of every Query it sends. */
  const countingClient = (): { client: TableClient; queriedPartitions: string[] } => {
    const client = createTableClient({ tableName: table.tableName, endpoint: testDynamoDbEndpoint() });
    const queriedPartitions: string[] = [];
    const send = client.doc.send.bind(client.doc) as (command: unknown) => Promise<unknown>;
    (client.doc as { send: unknown }).send = (command: unknown) => {
      if (command instanceof QueryCommand) {
        queriedPartitions.push(String(command.input.ExpressionAttributeValues?.[':pk']));
      }
      return send(command);
    };
    return { client, queriedPartitions };
  };
  const storedItem = async (key: { pk: string; sk: string }) => {
    const { Item } = await table.client.doc.send(new GetCommand({ TableName: table.tableName, Key: key }));
    if (!Item) throw new Error(`no item at ${key.pk}`);
    return Item;
  };
  /** INSERT records of newly created customers, stamped like DynamoDB Local (to the minute, now). */
  const customerRecords = async (count: number, label: string): Promise<DynamoDBRecord[]> => {
    const records: DynamoDBRecord[] = [];
    for (let index = 0; index < count; index++) {
      const created = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name: `${label} ${index}`, kind: 'business', ownerId: owner.userId },
      });
      expect(created.status).toBe(201);
      records.push(
        customerRecord(await storedItem(keys.customer(owner.tenantId, created.body.id as string))),
      );
    }
    return records;
  };
  const customerRecord = (item: Record<string, unknown>) =>
    dynamoDbStreamRecord({
      newItem: item,
      eventId: `reaction-batch-${String(item.id)}`,
      approximateCreationDateTime: Math.floor(Date.now() / 60_000) * 60,
    });
  const listQueries = (queriedPartitions: string[]) => ({
    endpoints: queriedPartitions.filter((pk) => pk === keys.webhookEndpointsPartition(owner.tenantId)).length,
    workflows: queriedPartitions.filter((pk) => pk === keys.workflowsPartition(owner.tenantId)).length,
  });
  /** The customer ids the endpoint's deliveries carry, from their stored bodies. */
  const deliveredCustomers = async (endpoint: string) => {
    const { deliveries } = await new WebhookRepository(table.client, owner.tenantId).listDeliveries(
      endpoint,
      {
        limit: 1_000,
      },
    );
    return deliveries.map((delivery) => (JSON.parse(delivery.body) as { data: { id: string } }).data.id);
  };
  const customerIdsOf = (records: DynamoDBRecord[]) =>
    records.map((record) => record.dynamodb?.NewImage?.id?.S as string);

  beforeAll(async () => {
    await table.ensure();
    owner = await signUpTenant(app, 'Reaction batch tenant');
    const endpoint = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'http://127.0.0.1:9/hook', events: ['customer.created'] },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    endpointId = endpoint.body.id as string;
    const workflow = await call(app, 'POST', '/v1/workflows', {
      auth: owner.auth,
      body: {
        status: 'active',
        name: 'New customer → call',
        trigger: { type: 'event', event: 'customer.created' },
        actions: [{ type: 'task', assignTo: 'owner', title: 'Call the new customer', dueInHours: 24 }],
      },
    });
    expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
    workflowId = workflow.body.id as string;
  });

  it('reads each list once for a batch of one tenant, and still delivers and runs for every record', async () => {
    const records = await customerRecords(RECORDS, 'Batch');
    const { client, queriedPartitions } = countingClient();
    const handler = createStreamHandler({ reactions: createReactions({ table: client }) });

    const result = await handler(dynamoDbStreamEvent(...records), context);

    expect(result.batchItemFailures).toEqual([]);
    expect(listQueries(queriedPartitions)).toEqual({ endpoints: 1, workflows: 1 });
    const customerIds = customerIdsOf(records);
    expect((await deliveredCustomers(endpointId)).filter((id) => customerIds.includes(id)).sort()).toEqual(
      [...customerIds].sort(),
    );
    const runs = await new WorkflowRepository(table.client, owner.tenantId).listRuns(workflowId, 1_000);
    const runEvents = runs.map((run) => run.eventId).filter((id) => id.startsWith('reaction-batch-'));
    const eventIds = records.map((record) => record.eventID as string);
    expect(runEvents.filter((id) => eventIds.includes(id)).sort()).toEqual([...eventIds].sort());
  });

  it('reads the lists again for each batch: the memo lasts one invocation', async () => {
    const records = await customerRecords(3, 'One by one');
    const { client, queriedPartitions } = countingClient();
    const handler = createStreamHandler({ reactions: createReactions({ table: client }) });

    for (const record of records) {
      expect((await handler(dynamoDbStreamEvent(record), context)).batchItemFailures).toEqual([]);
    }

    // The events are of this minute: the reactions' own 30 s cache serves none of them.
    expect(listQueries(queriedPartitions)).toEqual({ endpoints: 3, workflows: 3 });
  });

  it('reads the endpoint list afresh after a record of the batch that changed an endpoint', async () => {
    // A second endpoint, disabled until the batch's second record (its own change) lands: the
    // customer before it must not get a delivery there, the customer after it must.
    const late = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'http://127.0.0.1:9/late', events: ['customer.created'] },
    });
    expect(late.status).toBe(201);
    const lateId = late.body.id as string;
    const repository = new WebhookRepository(table.client, owner.tenantId);
    const enabled = await repository.getEndpoint(lateId);
    if (!enabled) throw new Error('endpoint not stored');
    await repository.saveEndpoint(
      { ...enabled, enabled: false, version: enabled.version + 1 },
      enabled.version,
    );
    const [before, after] = await customerRecords(2, 'Around a change');
    if (!before || !after) throw new Error('customers not created');
    const endpointChange = dynamoDbStreamRecord({
      eventName: 'MODIFY',
      oldItem: await storedItem(keys.webhookEndpoint(owner.tenantId, lateId)),
      newItem: { ...(await storedItem(keys.webhookEndpoint(owner.tenantId, lateId))), enabled: true },
      eventId: `reaction-batch-endpoint-${lateId}`,
      approximateCreationDateTime: Math.floor(Date.now() / 60_000) * 60,
    });
    // Makes the write the middle record stands for when the handler reaches it, as if the index
    // only showed it then: what a read per record would have picked up.
    const applyEndpointChange: Reaction = {
      name: 'test-apply-endpoint-change',
      entityTypes: ['webhookEndpoint'],
      async handle(change: EntityChange) {
        if (change.eventId !== endpointChange.eventID) return;
        const current = await repository.getEndpoint(lateId);
        if (current && !current.enabled) {
          await repository.saveEndpoint(
            { ...current, enabled: true, version: current.version + 1 },
            current.version,
          );
        }
      },
    };
    const { client, queriedPartitions } = countingClient();
    const handler = createStreamHandler({
      reactions: [applyEndpointChange, ...createReactions({ table: client })],
    });

    const result = await handler(dynamoDbStreamEvent(before, endpointChange, after), context);

    expect(result.batchItemFailures).toEqual([]);
    const [beforeId, afterId] = customerIdsOf([before, after]);
    expect(await deliveredCustomers(lateId)).toEqual([afterId]);
    const toFirst = await deliveredCustomers(endpointId);
    expect(toFirst).toEqual(expect.arrayContaining([beforeId, afterId]));
    // The first customer's read, and one after the endpoint's record (for the record itself and the customer after it).
    expect(listQueries(queriedPartitions).endpoints).toBe(2);
  });
});
