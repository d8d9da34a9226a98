import { Tracer } from '@aws-lambda-powertools/tracer';
import type { TableClient } from '@crm/dynamodb';

/**
 * The function's X-Ray tracer (service name from `POWERTOOLS_SERVICE_NAME`, which infra's
 * CrmFunction sets). Lambda's active tracing records each invocation; this adds a subsegment per
 * AWS SDK call, so a slow request shows which DynamoDB, S3, SQS, SES, Lambda or Secrets Manager
 * call took the time. Outside Lambda (tests, the local runtime) it records nothing and leaves
 * clients untouched. Only the edges trace: packages/ never import it.
 */
export const tracer = new Tracer();

/**
 * The same SDK client, its calls traced.
 *
 * @example
 * const client = traced(new S3Client({}));
 */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}

/** The table client, its calls traced (the document client shares its client's middleware). */
export function tracedTable(table: TableClient): TableClient {
  traced(table.doc);
  return table;
}
