import {
  DescribeStreamCommand,
  type DescribeStreamCommandInput,
  type DescribeStreamCommandOutput,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandInput,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  type GetShardIteratorCommandOutput,
} from '@aws-sdk/client-dynamodb-streams';

/** The three DynamoDB Streams calls the poller makes; tests substitute a scripted stream. */
export type StreamsApi = {
  describeStream: (
    input: DescribeStreamCommandInput,
    signal: AbortSignal,
  ) => Promise<DescribeStreamCommandOutput>;
  getShardIterator: (
    input: GetShardIteratorCommandInput,
    signal: AbortSignal,
  ) => Promise<GetShardIteratorCommandOutput>;
  getRecords: (input: GetRecordsCommandInput, signal: AbortSignal) => Promise<GetRecordsCommandOutput>;
  destroy: () => void;
};

export function sdkStreamsApi(client: DynamoDBStreamsClient): StreamsApi {
  return {
    describeStream: (input, abortSignal) => client.send(new DescribeStreamCommand(input), { abortSignal }),
    getShardIterator: (input, abortSignal) =>
      client.send(new GetShardIteratorCommand(input), { abortSignal }),
    getRecords: (input, abortSignal) => client.send(new GetRecordsCommand(input), { abortSignal }),
    destroy: () => client.destroy(),
  };
}
