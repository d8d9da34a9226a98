// `npm run ops -- <command>`: operator commands against a stage's table or the local data folder.
// Settings: docs/operations.md ("How to replay").

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler, replayKeptRecords } from '@crm/app/streams';
import { createTableClient, KeptStreamRecordRepository } from '@crm/dynamodb';
import { lockDataDir } from './data-dir-lock.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { createLocalDynamoDbClient } from './local-clients.js';
import { IN_MEMORY, readLocalConfig } from './local-config.js';
import { restoreTenantArchive } from './restore-tenant-archive.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run ops -- <command> [--aws]

  kept      list the stream records the consumer gave up on and kept
  replay    feed them back to the stream handlers; each applied record is forgotten
  restore <archive.zip> --table <name> [--replace]
            put one tenant back from its export archive into the table <name> (created from the
            product's table definition when missing); refused where the tenant already lives
            unless --replace (which first removes its items there); safe to run again

Locally (default) it opens the data folder (CRM_DATA_DIR; stop npm start first) or the DynamoDB at
DYNAMODB_ENDPOINT. With --aws it uses TABLE_NAME and the AWS credentials and region of the shell.`;

type Database = {
  /** The stage's (or the local runtime's) table. */
  tableName: string;
  /** DynamoDB Local's URL; unset for AWS. */
  endpoint?: string;
  close: () => Promise<void>;
};

/** The DynamoDB the command works on, and how to let go of it. */
async function openDatabase(aws: boolean, tableName?: string): Promise<Database> {
  if (aws) {
    const name = tableName ?? process.env.TABLE_NAME;
    if (!name) throw new Error('TABLE_NAME is not set (the stage table, e.g. from the data stack outputs)');
    return { tableName: name, close: async () => {} };
  }
  const config = readLocalConfig();
  if (config.dynamodbEndpoint) {
    return { tableName: config.tableName, endpoint: config.dynamodbEndpoint, close: async () => {} };
  }
  if (config.dataDir === IN_MEMORY) throw new Error('CRM_DATA_DIR=:memory: keeps nothing to open');
  // The same folder lock as npm start: one JVM per SQLite file.
  const lock = lockDataDir(config.dataDir);
  const server = await startDynamoDbLocal({ dbPath: join(config.dataDir, 'dynamodb') }).catch((error) => {
    lock.release();
    throw error;
  });
  return {
    tableName: config.tableName,
    endpoint: server.endpoint,
    close: async () => {
      await server.stop();
      lock.release();
    },
  };
}

async function restore(input: { archivePath: string; tableName: string; replace: boolean; aws: boolean }) {
  const database = await openDatabase(input.aws, input.tableName);
  const dynamodb = database.endpoint
    ? createLocalDynamoDbClient({ endpoint: database.endpoint })
    : new DynamoDBClient({});
  try {
    const outcome = await restoreTenantArchive({
      archivePath: input.archivePath,
      dynamodb,
      table: createTableClient({
        tableName: input.tableName,
        ...(database.endpoint ? { endpoint: database.endpoint } : {}),
      }),
      replace: input.replace,
      onProgress: (written) => console.log(`  ${written} item(s) written`),
    });
    console.log(
      `restored tenant ${outcome.tenantId} (${outcome.tenantName}) into ${input.tableName}` +
        `${outcome.createdTable ? ' (created)' : ''}: ${outcome.written} item(s)` +
        `${outcome.replaced > 0 ? `, ${outcome.replaced} replaced` : ''}`,
    );
    for (const [entityType, count] of Object.entries(outcome.counts))
      console.log(`  ${entityType}: ${count}`);
    return 0;
  } finally {
    dynamodb.destroy();
    await database.close();
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      aws: { type: 'boolean', default: false },
      table: { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  const [command, archivePath] = positionals;
  const aws = values.aws;
  if (command === 'restore') {
    if (!archivePath || !values.table) {
      console.error(USAGE);
      return 2;
    }
    return restore({ archivePath, tableName: values.table, replace: values.replace, aws });
  }
  if (command !== 'kept' && command !== 'replay') {
    console.error(USAGE);
    return 2;
  }
  const database = await openDatabase(aws);
  const close = database.close;
  const table = createTableClient({
    tableName: database.tableName,
    ...(database.endpoint ? { endpoint: database.endpoint } : {}),
  });
  try {
    if (command === 'kept') {
      const kept = await new KeptStreamRecordRepository(table).list();
      for (const entry of kept) {
        const keys = JSON.stringify(entry.record.dynamodb?.Keys ?? {});
        console.log(`${entry.keptAt}  ${entry.eventId}  ${entry.record.eventName} ${keys}  ${entry.error}`);
      }
      console.log(`${kept.length} kept record(s)`);
      return 0;
    }
    // The stream Lambda's reactions, without a keeper: a record failing again stays kept.
    const handler = createStreamHandler({ reactions: createReactions({ table }) });
    const outcome = await replayKeptRecords({ table, handler });
    console.log(`replayed ${outcome.replayed.length}, failed again ${outcome.failed.length}`);
    for (const eventId of outcome.failed) console.log(`  still kept: ${eventId}`);
    return outcome.failed.length > 0 ? 1 : 0;
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
