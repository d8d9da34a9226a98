import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

/**
 * What a CloudWatch Logs subscription filter hands a Lambda, once unpacked: `DATA_MESSAGE`s carry
 * log events; a `CONTROL_MESSAGE` only checks that the destination is reachable.
 */
const LogsPayloadSchema = z.looseObject({
  messageType: z.enum(['DATA_MESSAGE', 'CONTROL_MESSAGE']),
  logGroup: z.string(),
  logEvents: z.array(z.looseObject({ id: z.string(), timestamp: z.number(), message: z.string() })),
});
export type LogsPayload = z.infer<typeof LogsPayloadSchema>;

/** The event a subscription filter invokes the Lambda with: `awslogs.data` is gzip, then base64. */
export const CloudWatchLogsEventSchema = z.looseObject({
  awslogs: z.looseObject({ data: z.string().min(1) }),
});

/**
 * Unpacks a CloudWatch Logs subscription event (base64 → gunzip → JSON, read by zod). Throws on
 * anything else: such an event is not one this function is subscribed to.
 *
 * @example
 * const { logEvents } = unpackLogsEvent(event);
 */
export function unpackLogsEvent(event: unknown): LogsPayload {
  const { awslogs } = CloudWatchLogsEventSchema.parse(event);
  const json: unknown = JSON.parse(gunzipSync(Buffer.from(awslogs.data, 'base64')).toString('utf8'));
  return LogsPayloadSchema.parse(json);
}
