import { DomainError, type SurveyInvitation, type SurveyTemplate } from '@crm/domain';
import { createdListPage } from './created-list-page.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable, type WholePartitionQuery } from './tenant-table.js';

type Item = Record<string, unknown>;

/** Results read at most this many invitations or answers per range (pages of 1 MB each). */
const MAX_RESULT_ITEMS = 20_000;

export function surveyItem(tenantId: string, survey: SurveyTemplate): Item {
  return toItem(
    'survey',
    { ...keys.survey(tenantId, survey.id), ...keys.surveysIndex(tenantId, survey.createdAt, survey.id) },
    survey,
  );
}

export function surveyInvitationItem(tenantId: string, invitation: SurveyInvitation): Item {
  return toItem(
    'surveyInvitation',
    {
      ...keys.surveyInvitation(tenantId, invitation.surveyId, invitation.sentAt, invitation.id),
      ...keys.customerSurveysIndex(tenantId, invitation.customerId, invitation.sentAt, invitation.id),
      ...(invitation.answeredAt
        ? keys.surveyAnswersIndex(tenantId, invitation.surveyId, invitation.answeredAt, invitation.id)
        : {}),
    },
    invitation,
  );
}

/** Survey templates (满意度调查) and the invitations sent with them, one tenant's. */
export class SurveyRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async get(surveyId: string): Promise<SurveyTemplate | undefined> {
    const item = await this.table.get(keys.survey(this.tenantId, surveyId));
    return item ? fromItem<SurveyTemplate>(item) : undefined;
  }

  async create(survey: SurveyTemplate): Promise<void> {
    await this.table.put(surveyItem(this.tenantId, survey), {
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /**
   * Replaces title, intro, questions and status if the survey is still at `expectedVersion`; the
   * counters are left as stored, since answers move them without a version.
   */
  async update(next: SurveyTemplate, expectedVersion: number): Promise<SurveyTemplate> {
    try {
      const item = await this.table.update({
        Key: keys.survey(this.tenantId, next.id),
        UpdateExpression:
          'SET title = :title, intro = :intro, questions = :questions, #status = :status, ' +
          'updatedAt = :at, #version = :next',
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':title': next.title,
          ':intro': next.intro,
          ':questions': next.questions,
          ':status': next.status,
          ':at': next.updatedAt,
          ':next': expectedVersion + 1,
          ':expected': expectedVersion,
        },
        ReturnValues: 'ALL_NEW',
      });
      return fromItem<SurveyTemplate>(item ?? {});
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const current = await this.get(next.id);
      if (!current) throw new DomainError('not_found', 'Survey not found');
      throw new DomainError(
        'version_conflict',
        `The survey was changed by someone else (expected version ${expectedVersion}); reload it`,
        { details: { current } },
      );
    }
  }

  /** Deletes a survey that has sent nothing (at `expectedVersion` when given). */
  async remove(surveyId: string, expectedVersion?: number): Promise<void> {
    try {
      await this.table.delete(keys.survey(this.tenantId, surveyId), {
        condition:
          'attribute_exists(pk) AND sentCount = :zero' +
          (expectedVersion === undefined ? '' : ' AND #version = :expected'),
        ...(expectedVersion === undefined ? {} : { names: { '#version': 'version' } }),
        values: { ':zero': 0, ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }) },
      });
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const current = await this.get(surveyId);
      if (!current) throw new DomainError('not_found', 'Survey not found');
      if (current.sentCount > 0) {
        throw new DomainError('invalid_state', 'The survey has been sent; archive it instead of deleting it');
      }
      throw new DomainError('version_conflict', 'The survey was changed by someone else; reload it');
    }
  }

  /** Newest first. */
  async list(query: {
    limit: number;
    cursor?: string;
  }): Promise<{ items: SurveyTemplate[]; cursor: string | null }> {
    return createdListPage<SurveyTemplate>({
      table: this.table,
      partition: keys.surveysPartition(this.tenantId),
      keyOf: (id) => keys.survey(this.tenantId, id),
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  async invitation(
    surveyId: string,
    sentAt: string,
    invitationId: string,
  ): Promise<SurveyInvitation | undefined> {
    const item = await this.table.get(keys.surveyInvitation(this.tenantId, surveyId, sentAt, invitationId), {
      consistent: true,
    });
    return item ? fromItem<SurveyInvitation>(item) : undefined;
  }

  private async readAll(input: WholePartitionQuery): Promise<SurveyInvitation[]> {
    const found: SurveyInvitation[] = [];
    for await (const page of this.table.queryPages(input)) {
      found.push(...page.items.map((item) => fromItem<SurveyInvitation>(item)));
      if (found.length >= MAX_RESULT_ITEMS) break;
    }
    return found;
  }

  /** Invitations sent in [from, to) (ISO instants), answered or not. */
  async sentBetween(surveyId: string, from: string, to: string): Promise<SurveyInvitation[]> {
    return this.readAll({
      partitionValue: keys.surveyPartition(this.tenantId, surveyId),
      KeyConditionExpression: 'sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':from': `INV#${from}`, ':to': `INV#${to}` },
    });
  }

  /** Invitations answered in [from, to) (ISO instants). */
  async answeredBetween(surveyId: string, from: string, to: string): Promise<SurveyInvitation[]> {
    return this.readAll({
      partitionValue: keys.surveyAnswersPartition(this.tenantId, surveyId),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':from': from, ':to': to },
    });
  }

  /** One customer's invitations, newest first. */
  async ofCustomer(customerId: string, limit: number): Promise<SurveyInvitation[]> {
    const page = await this.table.query({
      partitionValue: keys.customerSurveysPartition(this.tenantId, customerId),
      IndexName: 'gsi3',
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((item) => fromItem<SurveyInvitation>(item));
  }
}
