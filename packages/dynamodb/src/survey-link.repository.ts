import type { SurveyInvitation } from '@crm/domain';
import { customerSatisfactionRating } from './customer-satisfaction-update.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';
import { surveyInvitationItem } from './survey.repository.js';

/** Where a survey link leads: the tenant and the invitation (the token itself is never stored). */
export type SurveyLink = {
  tenantId: string;
  surveyId: string;
  invitationId: string;
  sentAt: string;
  validUntil: string;
};

const cancelledByCondition = (error: unknown): boolean => {
  if ((error as Error).name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
};

/**
 * Survey links (满意度调查): the platform item that maps a token's hash to its tenant's invitation,
 * written and consumed in the same transactions as the invitation, so a link never exists without
 * its invitation and an answer is recorded exactly once.
 */
export class SurveyLinkRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  /**
   * Records the invitation, its link and the survey's sent count at once; false when the survey is
   * no longer active (archived or deleted meanwhile).
   */
  async send({
    tenantId,
    tokenHash,
    invitation,
  }: {
    tenantId: string;
    tokenHash: string;
    invitation: SurveyInvitation;
  }): Promise<boolean> {
    const link: SurveyLink = {
      tenantId,
      surveyId: invitation.surveyId,
      invitationId: invitation.id,
      sentAt: invitation.sentAt,
      validUntil: invitation.validUntil,
    };
    try {
      await this.platform.transactWrite(
        [
          {
            Put: {
              TableName: '',
              Item: toItem(
                'surveyLink',
                {
                  ...platformKeys.surveyToken(tokenHash),
                  ...tenantDirectory.index(tenantId, 'SURVEYLINKS', platformKeys.surveyToken(tokenHash).pk),
                },
                link,
                {
                  expiresAt: epochSeconds(new Date(invitation.validUntil)),
                },
              ),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: '',
              Item: surveyInvitationItem(tenantId, invitation),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: '',
              Key: keys.survey(tenantId, invitation.surveyId),
              UpdateExpression: 'ADD sentCount :one',
              ConditionExpression: '#status = :active',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':one': 1, ':active': 'active' },
            },
          },
        ],
        { tenantId },
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error)) return false;
      throw error;
    }
  }

  async find(tokenHash: string): Promise<SurveyLink | undefined> {
    const item = await this.platform.get(platformKeys.surveyToken(tokenHash));
    return item ? fromItem<SurveyLink>(item) : undefined;
  }

  /**
   * Records the answer: the link is deleted, the invitation answered (only if it was not, and only
   * before it expires), the survey's answer count and the customer's satisfaction figure moved —
   * all or nothing. False when the link was used or expired meanwhile.
   */
  async answer({
    tenantId,
    tokenHash,
    answered,
    now,
  }: {
    tenantId: string;
    tokenHash: string;
    answered: SurveyInvitation;
    now: string;
  }): Promise<boolean> {
    const rated = answered.rating === null ? undefined : { rating: answered.rating, at: now };
    try {
      await this.platform.transactWrite(
        [
          {
            Delete: {
              TableName: '',
              Key: platformKeys.surveyToken(tokenHash),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Put: {
              TableName: '',
              Item: surveyInvitationItem(tenantId, answered),
              ConditionExpression:
                'attribute_exists(pk) AND attribute_type(answeredAt, :null) AND validUntil > :now',
              ExpressionAttributeValues: { ':null': 'NULL', ':now': now },
            },
          },
          {
            Update: {
              TableName: '',
              Key: keys.survey(tenantId, answered.surveyId),
              UpdateExpression: 'ADD answeredCount :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
          ...(rated ? [customerSatisfactionRating(tenantId, answered.customerId, rated)] : []),
        ],
        { tenantId },
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error)) return false;
      throw error;
    }
  }
}
