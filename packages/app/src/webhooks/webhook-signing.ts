import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret in the Standard Webhooks form: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The three Standard Webhooks headers for one attempt. Every given secret signs (during a rotation
 * the current and the previous one), space-separated in `webhook-signature`, so a receiver still
 * holding the old secret verifies too.
 *
 * @example
 * signedHeaders({ messageId, timestamp: new Date(), body, secrets: [secret] })['webhook-signature'] // 'v1,…'
 */
export function signedHeaders(options: {
  messageId: string;
  timestamp: Date;
  body: string;
  secrets: readonly string[];
}): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const signatures = options.secrets.map((secret) =>
    new Webhook(secret).sign(options.messageId, options.timestamp, options.body),
  );
  return {
    'webhook-id': options.messageId,
    'webhook-timestamp': String(Math.floor(options.timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
