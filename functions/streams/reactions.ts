import type { Reaction } from '@crm/domain';

/**
 * The reactions the stream consumer runs, in order. Credit re-evaluation, churn alerts, care
 * reminders, workflows and webhooks join this list as they arrive; each must be idempotent.
 */
export function createReactions(): Reaction[] {
  return [];
}
