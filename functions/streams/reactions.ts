import { customerHistoryReaction, customerScoresReaction } from '@crm/api/reactions';
import type { Reaction } from '@crm/domain';
import type { TableClient } from '@crm/dynamodb';

export type ReactionDeps = { table: TableClient };

/**
 * The reactions the stream consumer runs, in order, for the Lambda and the local poller alike.
 * Credit re-evaluation, churn alerts, care reminders, workflows and webhooks join this list as
 * they arrive; each must be idempotent (a record can arrive twice).
 */
export function createReactions(deps: ReactionDeps): Reaction[] {
  return [customerHistoryReaction(deps), customerScoresReaction(deps)];
}
