import type { _Record, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from 'aws-lambda';

type SdkImage = Record<string, AttributeValue>;
type LambdaImage = Record<string, LambdaAttributeValue>;

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Lambda's event is JSON: binary values arrive base64-encoded, as they do here. */
function toLambdaValue(value: AttributeValue): LambdaAttributeValue {
  if (value.B !== undefined) return { B: toBase64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(toBase64) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  // The SDK hands an empty map from GetRecords over as `{}` (its union has no member set); an
  // attribute value with no member can only be an empty map (an empty list stays `{ L: [] }`).
  if (Object.keys(value).length === 0) return { M: {} };
  return value as LambdaAttributeValue;
}

function toLambdaImage(image: SdkImage): LambdaImage;
function toLambdaImage(image: SdkImage | undefined): LambdaImage | undefined;
function toLambdaImage(image: SdkImage | undefined): LambdaImage | undefined {
  if (!image) return undefined;
  const out: LambdaImage = {};
  for (const [name, value] of Object.entries(image)) out[name] = toLambdaValue(value);
  return out;
}

export type StreamSource = { streamArn: string; region: string };

/**
 * Turns a record from GetRecords into the shape Lambda delivers in a `DynamoDBStreamEvent`:
 * DynamoDB Local (and the SDK) give `ApproximateCreationDateTime` as a Date and no
 * `eventSourceARN`; Lambda gives epoch seconds and the stream ARN.
 */
export function toLambdaStreamRecord(record: _Record, source: StreamSource): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const created = stream.ApproximateCreationDateTime;
  const lambdaRecord: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: source.region,
    eventSourceARN: source.streamArn,
    dynamodb: {
      ApproximateCreationDateTime: created ? Math.floor(created.getTime() / 1000) : undefined,
      Keys: toLambdaImage(stream.Keys),
      NewImage: toLambdaImage(stream.NewImage),
      OldImage: toLambdaImage(stream.OldImage),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
  };
  if (record.userIdentity) lambdaRecord.userIdentity = record.userIdentity;
  // Lambda omits absent members rather than sending `undefined`.
  const image = lambdaRecord.dynamodb as Record<string, unknown>;
  for (const key of Object.keys(image)) if (image[key] === undefined) delete image[key];
  return lambdaRecord;
}
