import { createApp } from '@crm/api';
import { createTableClient } from '@crm/dynamodb';
import { handle } from 'hono/aws-lambda';

const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');

/** Lambda entry for the HTTP API: the same Hono app the local runtime serves. */
export const handler = handle(
  createApp({ table: createTableClient({ tableName }), version: process.env.APP_VERSION ?? 'dev' }),
);
