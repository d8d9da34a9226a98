import { z } from 'zod';
import { phoneE164 } from './phone-e164.js';

/**
 * One line SNS writes to CloudWatch Logs about an SMS published straight to a phone number (log
 * groups `sns/<region>/<account>/DirectPublishToPhoneNumber` and `…/Failure`). Only what is
 * acted on is read; SNS adds fields (price, carrier, dwell times) that are passed over.
 */
export const SnsSmsDeliveryLogSchema = z.looseObject({
  notification: z.looseObject({ messageId: z.string().min(1), timestamp: z.string().optional() }),
  delivery: z.looseObject({
    destination: z.string().min(1),
    providerResponse: z.string().optional(),
  }),
  status: z.enum(['SUCCESS', 'FAILURE']),
});
export type SnsSmsDeliveryLog = z.infer<typeof SnsSmsDeliveryLogSchema>;

/**
 * Provider responses that say the number itself will not take SMS, so sending again is pointless
 * (lower case, as compared). Everything else that fails — the phone off or out of reach, a carrier
 * outage, a message body or price refused, an unknown error — may work next time.
 */
const PERMANENT_FAILURES = [
  'invalid phone number',
  'phone number is opted out',
  'phone has blocked sms',
  'phone is on a blocked list',
  'destination is on a blocked list',
] as const;

/** What to do with one delivery status: nothing for a delivery, a bounce (and maybe a suppression) for a failure. */
export type SmsDeliveryOutcome =
  | { kind: 'delivered'; messageId: string }
  | {
      kind: 'failed';
      messageId: string;
      /** The destination in E.164, as the suppression list keys it. */
      phone: string;
      /** The number will not take SMS: suppress it, as a permanent SES bounce suppresses an address. */
      permanent: boolean;
      /** SNS's own words, kept on the delivery. */
      detail: string;
    };

/**
 * Decides what an SNS SMS delivery status means for the campaign: a success changes nothing (`sent`
 * already counted it); a failure bounces the message, and a permanent one (the number is invalid,
 * opted out or blocked) also suppresses the number.
 *
 * @example
 * smsDeliveryOutcome({
 *   notification: { messageId: 'm-1' },
 *   delivery: { destination: '+8613800000000', providerResponse: 'Invalid phone number' },
 *   status: 'FAILURE',
 * }); // → { kind: 'failed', messageId: 'm-1', phone: '+8613800000000', permanent: true, detail: 'Invalid phone number' }
 */
export function smsDeliveryOutcome(log: SnsSmsDeliveryLog): SmsDeliveryOutcome {
  const messageId = log.notification.messageId;
  if (log.status === 'SUCCESS') return { kind: 'delivered', messageId };
  const detail = log.delivery.providerResponse?.trim() || 'Unknown error attempting to reach phone';
  const normalised = detail.toLowerCase().replace(/[.\s]+$/, '');
  return {
    kind: 'failed',
    messageId,
    phone: phoneE164(log.delivery.destination) ?? log.delivery.destination,
    permanent: PERMANENT_FAILURES.some((failure) => normalised === failure),
    detail,
  };
}

/**
 * Reads one CloudWatch Logs message as an SNS SMS delivery status; undefined when it is not one
 * (not JSON, or another shape): such a line is logged and passed over, never retried.
 */
export function parseSmsDeliveryLog(message: string): SnsSmsDeliveryLog | undefined {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = SnsSmsDeliveryLogSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
