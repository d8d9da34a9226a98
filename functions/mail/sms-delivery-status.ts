import type { Logger } from '@aws-lambda-powertools/logger';
import type { SmsDeliveryService } from '@crm/app';
import { parseSmsDeliveryLog, smsDeliveryOutcome } from '@crm/domain';
import { unpackLogsEvent } from './cloudwatch-logs-payload.js';

export type SmsDeliveryStatusSummary = { read: number; bounced: number; duplicate: number; unknown: number };

/**
 * The delivery status handler's work, apart from its wiring (so the integration test runs it on
 * DynamoDB Local): every SNS SMS status line of the event goes through the domain's decision into
 * the SMS delivery service. A line that is not a status is logged and passed over; a failing
 * write throws, so Lambda retries the event (the service counts each failure once).
 */
export function smsDeliveryStatusHandler(deps: {
  smsDelivery: SmsDeliveryService;
  logger: Pick<Logger, 'info' | 'warn'>;
}) {
  return async (event: unknown): Promise<SmsDeliveryStatusSummary> => {
    const payload = unpackLogsEvent(event);
    const summary: SmsDeliveryStatusSummary = { read: 0, bounced: 0, duplicate: 0, unknown: 0 };
    if (payload.messageType === 'CONTROL_MESSAGE') return summary;
    for (const logEvent of payload.logEvents) {
      const log = parseSmsDeliveryLog(logEvent.message);
      if (!log) {
        deps.logger.warn('not an SMS delivery status', { logGroup: payload.logGroup, eventId: logEvent.id });
        continue;
      }
      summary.read += 1;
      const result = await deps.smsDelivery.record(smsDeliveryOutcome(log));
      if (result.outcome === 'bounced') summary.bounced += 1;
      if (result.outcome === 'duplicate') summary.duplicate += 1;
      if (result.outcome === 'unknown_message') summary.unknown += 1;
    }
    deps.logger.info('SMS delivery statuses', { logGroup: payload.logGroup, ...summary });
    return summary;
  };
}
