// `npm run ops -- <command>`: operator commands against a stage's table or the local data folder.
// Settings: docs/operations.md ("How to replay").

import { join } from 'node:path';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler, replayKeptRecords } from '@crm/app/streams';
import { createTableClient, KeptStreamRecordRepository, type TableClient } from '@crm/dynamodb';
import { lockDataDir } from './data-dir-lock.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { IN_MEMORY, readLocalConfig } from './local-config.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run ops -- <command> [--aws]

  kept      list the stream records the consumer gave up on and kept
  replay    feed them back to the stream handlers; each applied record is forgotten

Locally (default) it opens the data folder (CRM_DATA_DIR; stop npm start first) or the DynamoDB at
DYNAMODB_ENDPOINT. With --aws it uses TABLE_NAME and the AWS credentials and region of the shell.`;

/** The table the command works on, and how to let go of it. */
async function openTable(aws: boolean): Promise<{ table: TableClient; close: () => Promise<void> }> {
  if (aws) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName)
      throw new Error('TABLE_NAME is not set (the stage table, e.g. from the data stack outputs)');
    return { table: createTableClient({ tableName }), close: async () => {} };
  }
  const config = readLocalConfig();
  if (config.dynamodbEndpoint) {
    return {
      table: createTableClient({ tableName: config.tableName, endpoint: config.dynamodbEndpoint }),
      close: async () => {},
    };
  }
  if (config.dataDir === IN_MEMORY) throw new Error('CRM_DATA_DIR=:memory: keeps nothing to replay');
  // The same folder lock as npm start: one JVM per SQLite file.
  const lock = lockDataDir(config.dataDir);
  const server = await startDynamoDbLocal({ dbPath: join(config.dataDir, 'dynamodb') }).catch((error) => {
    lock.release();
    throw error;
  });
  return {
    table: createTableClient({ tableName: config.tableName, endpoint: server.endpoint }),
    close: async () => {
      await server.stop();
      lock.release();
    },
  };
}

async function main(args: string[]): Promise<number> {
  const command = args.find((arg) => !arg.startsWith('-'));
  const aws = args.includes('--aws');
  if (command !== 'kept' && command !== 'replay') {
    console.error(USAGE);
    return 2;
  }
  const { table, close } = await openTable(aws);
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
