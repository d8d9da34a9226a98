import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export type TableClient = {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /**
   * False for DynamoDB Local, which has no per-partition throughput limit (1,000 write units a
   * second in AWS): work paced to spare a partition (the refit's score writes) need not wait there.
   */
  partitionLimited?: boolean;
};

export type TableClientOptions = {
  tableName: string;
  /** DynamoDB Local's URL; unset in AWS. */
  endpoint?: string;
  region?: string;
  maxAttempts?: number;
  /** Tenant-scoped credentials (see tenant-scoped-client.ts); the default chain otherwise. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
};

/** The project's one DynamoDB client setup, shared by the API, the stream handlers and benchmarks. */
export function createTableClient(options: TableClientOptions): TableClient {
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: options.maxAttempts ?? 5,
  };
  if (options.credentials) config.credentials = options.credentials;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    // DynamoDB Local accepts any credentials; fixed ones keep the SDK from searching for a profile.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: options.tableName, partitionLimited: options.endpoint === undefined };
}
