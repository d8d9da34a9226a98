import type { SurveyInvitation } from '@crm/domain';
import { customerSatisfactionRating } from './customer-satisfaction-update.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';
import { surveyInvitationItem } from './survey.repository.js';
import { TenantTable } from './tenant-table.js';

/** Where a survey link leads: the tenant and the invitation (the token itself is never stored). */
export type SurveyLink = {
  tenantId: string;
  surveyId: string;
  invitationId: string;
  sentAt: string;
  validUntil: string;
};

/** Who the survey reached: one item per survey and customer, never overwritten. */
export type SurveyClaim = {
  surveyId: string;
  customerId: string;
  invitationId: string;
  runId: string | null;
  claimedAt: string;
  /**
   * When a worker took the claim to hand its invitation mail to the outbox (a conditional write:
   * one worker only); null while nobody has, so a resumed run of `runId` mails it. Absent on claims
   * written before claims recorded it (never mailed again).
   */
  handingAt?: string | null;
  /** When the outbox answered (took the mail, or refused it: `refused`); null until then. */
  handedAt?: string | null;
  refused?: boolean;
};

export type SurveySendOutcome = 'sent' | 'claimed' | 'inactive';

const cancelledByCondition = (error: unknown): boolean => {
  if ((error as Error).name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
};

/**
 * Survey links (满意度调查): the platform item that maps a token's hash to its tenant's invitation,
 * written just before the invitation (and removed if the invitation is not) and consumed in the
 * same transaction as the answer, so an answer is recorded exactly once.
 */
export class SurveyLinkRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  /**
   * Records the customer's claim on the survey, the invitation and the survey's sent count at once
   * (through the tenant's own client), after the link that leads to it (a platform item, through
   * this repository's): a link whose invitation never got written leads nowhere (the page finds no
   * invitation) and is deleted again. `claimed` when the survey reached the customer before
   * (nothing kept), `inactive` when the survey is no longer active (archived or deleted meanwhile).
   */
  async send({
    tenantId,
    tenantClient,
    tokenHash,
    invitation,
    runId,
  }: {
    tenantId: string;
    /** The tenant's data is written with the tenant's credentials (a worker has no others for it). */
    tenantClient: TableClient;
    tokenHash: string;
    invitation: SurveyInvitation;
    /** The send run that invites, when it is one (a retried page then knows its own claims). */
    runId?: string | undefined;
  }): Promise<SurveySendOutcome> {
    const linkKey = await this.putLink(tenantId, tokenHash, invitation);
    try {
      await new TenantTable(tenantClient, tenantId).transactWrite([
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
        {
          Put: {
            TableName: '',
            Item: toItem(
              'surveyClaim',
              keys.surveyClaim(tenantId, invitation.surveyId, invitation.customerId),
              {
                surveyId: invitation.surveyId,
                customerId: invitation.customerId,
                invitationId: invitation.id,
                runId: runId ?? null,
                claimedAt: invitation.sentAt,
                handingAt: null,
                handedAt: null,
              } satisfies SurveyClaim,
            ),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      return 'sent';
    } catch (error) {
      await this.platform.delete(linkKey);
      if (!cancelledByCondition(error)) throw error;
      // The claim is the last item: its own failure means the customer was reached before.
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      return reasons[2]?.Code === 'ConditionalCheckFailed' && reasons[1]?.Code !== 'ConditionalCheckFailed'
        ? 'claimed'
        : 'inactive';
    }
  }

  /**
   * A new link to an invitation whose mail never went out (its worker died before handing it to
   * the outbox): the first link's token is gone with that worker (only its hash was stored), so the
   * resumed mail carries this one. The first link leads to the same invitation and expires with it.
   */
  async relink(input: {
    tenantId: string;
    tokenHash: string;
    invitation: Pick<SurveyInvitation, 'id' | 'surveyId' | 'sentAt' | 'validUntil'>;
  }): Promise<void> {
    await this.putLink(input.tenantId, input.tokenHash, input.invitation);
  }

  private async putLink(
    tenantId: string,
    tokenHash: string,
    invitation: Pick<SurveyInvitation, 'id' | 'surveyId' | 'sentAt' | 'validUntil'>,
  ) {
    const link: SurveyLink = {
      tenantId,
      surveyId: invitation.surveyId,
      invitationId: invitation.id,
      sentAt: invitation.sentAt,
      validUntil: invitation.validUntil,
    };
    const linkKey = platformKeys.surveyToken(tokenHash);
    await this.platform.put(
      toItem(
        'surveyLink',
        { ...linkKey, ...tenantDirectory.index(tenantId, 'SURVEYLINKS', linkKey.pk) },
        link,
        {
          expiresAt: epochSeconds(new Date(invitation.validUntil)),
        },
      ),
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
    return linkKey;
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
