// The stream consumer as a process of its own, so a suite can SIGKILL it mid-batch: the local
// stream poller (file checkpoints, as `npm start` keeps them) feeding the production reactions,
// with the table's record keeper. Run: node --import tsx stream-consumer-process.ts
//
// Settings (environment): DYNAMODB_ENDPOINT, TABLE_NAME, CHECKPOINTS (the checkpoint file),
// BATCH_SIZE, HOLD_MS (how long a handled batch waits before it is reported done: the window in
// which a kill leaves its effects written but its checkpoint not, so the restart must redeliver
// it), POISON_NAME (customers of that name make a reaction throw: a poison record).
//
// Stdout, one JSON object a line: {"ready":true} once reading; {"handled":[eventIds]} after the
// reactions ran on a batch and before it is checkpointed; {"checkpointed":n} after.
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler, tableRecordKeeper } from '@crm/app/streams';
import type { Reaction } from '@crm/domain';
import { createTableClient, streamFilter } from '@crm/dynamodb';
import { createStreamPoller, fileCheckpointStore, type StreamBatchHandler } from '@crm/local';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const endpoint = required('DYNAMODB_ENDPOINT');
const tableName = required('TABLE_NAME');
const holdMs = Number(process.env.HOLD_MS ?? '0');
const poisonName = process.env.POISON_NAME;
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const table = createTableClient({ tableName, endpoint });
const poison: Reaction[] = poisonName
  ? [
      {
        name: 'poison',
        entityTypes: ['customer'],
        async handle(change) {
          if ((change.after as { name?: string } | undefined)?.name === poisonName)
            throw new Error('a reaction that cannot apply this record');
        },
      },
    ]
  : [];
const reactions = createStreamHandler({
  reactions: [...poison, ...createReactions({ table })],
  keeper: tableRecordKeeper({ table }),
});
const handler: StreamBatchHandler = async (event, context) => {
  const response = await reactions(event, context);
  say({ handled: event.Records.map((record) => record.eventID) });
  if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
  return response;
};

const poller = createStreamPoller({
  endpoint,
  tableName,
  handler,
  filter: streamFilter,
  checkpoints: fileCheckpointStore(required('CHECKPOINTS')),
  // A first start skips what the table held before; a restart resumes at its checkpoint.
  startingPosition: 'LATEST',
  batchSize: Number(process.env.BATCH_SIZE ?? '100'),
  idleBackoff: { initialMs: 10, maxMs: 50 },
  retryBackoff: { initialMs: 10, maxMs: 50 },
  onBatch: (info) => {
    if (info.failedAt === undefined) say({ checkpointed: info.records.length });
  },
  log: (message) => process.stderr.write(`${message}\n`),
});
await poller.start();
say({ ready: true });
const stop = () => {
  void poller.stop().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
