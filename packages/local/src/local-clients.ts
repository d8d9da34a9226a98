import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/** DynamoDB Local accepts any credentials; fixed ones keep the SDK from looking for a profile. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export type LocalClientOptions = { endpoint: string; region?: string };

/** A low-level client for control-plane calls (CreateTable, DescribeTable) against DynamoDB Local. */
export function createLocalDynamoDbClient(options: LocalClientOptions): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: localCredentials,
  });
}

/** The streams client the poller reads with. */
export function createLocalStreamsClient(options: LocalClientOptions): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: localCredentials,
    // The poller retries on its own schedule; a dead JVM should surface at once during shutdown.
    maxAttempts: 2,
  });
}
