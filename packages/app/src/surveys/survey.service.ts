import {
  canChangeSurveyStatus,
  checkSurveyAnswers,
  DomainError,
  monthlySurveyFigures,
  newId,
  type PublicSurvey,
  SURVEY_LINK_DAYS,
  SURVEY_SEND_MAX,
  type SurveyAnswerInput,
  SurveyAnswerInputSchema,
  type SurveyInvitation,
  type SurveyResults,
  type SurveySendInput,
  SurveySendInputSchema,
  type SurveySendResult,
  type SurveyTemplate,
  type SurveyTemplateInput,
  SurveyTemplateInputSchema,
  type SurveyTemplatePatch,
  SurveyTemplatePatchSchema,
  satisfactionRatingOf,
  surveyFigures,
} from '@crm/domain';
import {
  AttemptThrottleRepository,
  ContactRepository,
  CustomerRepository,
  platformKeys,
  SurveyLinkRepository,
  SurveyRepository,
  type TableClient,
  type TenantClientFactory,
  TenantRepository,
  type ThrottleLimit,
} from '@crm/dynamodb';
import type { z } from 'zod';
import { hashSecret, newSecret } from '../auth/secret-token.js';
import { fieldIssuesOf } from '../field-issues.js';
import { renderMail } from '../mail/mail-templates.js';
import type { Mailer } from '../mail/mailer.js';
import { type PublicUrl, publicLink } from '../mail/public-links.js';
import type { SegmentService } from '../segments/segment.service.js';

/** Who acts: the tenant and the recorded actor id (from the verified token). */
export type SurveyCaller = { tenantId: string; actorId: string };
export type SurveyRequestOrigin = { clientAddress?: string | undefined };

/** Requests to the public survey page per client address: enough for a household, not for guessing. */
export const SURVEY_PAGE_THROTTLE: ThrottleLimit = { limit: 60, windowMs: 15 * 60 * 1000 };

const DAY_MS = 24 * 60 * 60 * 1000;

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldIssuesOf(result.error);
  throw new DomainError(
    'validation_failed',
    `Invalid body: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`,
    { fields },
  );
}

/** One message for a used, expired, forged or closed link, so none can be told from another. */
const linkNotFound = () => new DomainError('not_found', 'This survey link is not valid');

/**
 * Satisfaction and loyalty surveys (满意度, 忠诚度): templates, sending personal links through the
 * outbox, the public answer page, and results (NPS, CSAT, per-item means by month).
 */
export class SurveyService {
  private readonly deps: {
    table: TableClient;
    tenantClient: TenantClientFactory;
    clock: () => Date;
    mailer: Mailer;
    publicUrl?: PublicUrl | undefined;
    /** Sends to a saved segment read its members here. */
    segments?: SegmentService | undefined;
  };
  private readonly links: SurveyLinkRepository;
  private readonly throttles: AttemptThrottleRepository;

  constructor(deps: SurveyService['deps']) {
    this.deps = deps;
    this.links = new SurveyLinkRepository(deps.table);
    this.throttles = new AttemptThrottleRepository(deps.table);
  }

  private surveys(tenantId: string) {
    return new SurveyRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  async create(caller: SurveyCaller, body: SurveyTemplateInput): Promise<SurveyTemplate> {
    const input = parsed(SurveyTemplateInputSchema, body);
    const at = this.deps.clock().toISOString();
    const survey: SurveyTemplate = {
      id: newId(),
      ...input,
      status: 'draft',
      sentCount: 0,
      answeredCount: 0,
      createdAt: at,
      createdBy: caller.actorId,
      updatedAt: at,
      version: 1,
    };
    await this.surveys(caller.tenantId).create(survey);
    return survey;
  }

  async get({ tenantId, surveyId }: { tenantId: string; surveyId: string }): Promise<SurveyTemplate> {
    const survey = await this.surveys(tenantId).get(surveyId);
    if (!survey) throw new DomainError('not_found', 'Survey not found');
    return survey;
  }

  async list(
    { tenantId }: { tenantId: string },
    query: { limit: number; cursor?: string },
  ): Promise<{ items: SurveyTemplate[]; cursor: string | null }> {
    return this.surveys(tenantId).list(query);
  }

  /**
   * Changes the survey at `expectedVersion`. Questions change only in a draft: answers already
   * given are scored against the questions they were asked.
   */
  async update(
    caller: SurveyCaller & { surveyId: string },
    body: SurveyTemplatePatch,
    expectedVersion: number,
  ): Promise<SurveyTemplate> {
    const { version: _version, ...patch } = parsed(SurveyTemplatePatchSchema, body);
    const current = await this.get(caller);
    if (current.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `The survey is at version ${current.version}, not ${expectedVersion}; reload it`,
        { details: { current } },
      );
    }
    if (patch.questions && current.status !== 'draft') {
      throw new DomainError('invalid_state', 'Questions can change only while the survey is a draft', {
        fields: [{ path: 'questions', message: 'the survey is no longer a draft' }],
      });
    }
    if (patch.status && !canChangeSurveyStatus(current.status, patch.status)) {
      throw new DomainError('invalid_state', `A ${current.status} survey cannot become ${patch.status}`, {
        fields: [{ path: 'status', message: `cannot go from ${current.status} to ${patch.status}` }],
      });
    }
    const next: SurveyTemplate = {
      ...current,
      ...(patch.title ? { title: patch.title } : {}),
      ...(patch.intro !== undefined ? { intro: patch.intro } : {}),
      ...(patch.questions ? { questions: patch.questions } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      updatedAt: this.deps.clock().toISOString(),
    };
    return this.surveys(caller.tenantId).update(next, expectedVersion);
  }

  async remove(caller: SurveyCaller & { surveyId: string }, expectedVersion?: number): Promise<void> {
    await this.surveys(caller.tenantId).remove(caller.surveyId, expectedVersion);
  }

  /** Where a customer's survey goes: its primary contact's address, any contact's, or its own. */
  private async addressOf(tenantId: string, customerId: string, customerEmail: string | undefined) {
    const contacts = await new ContactRepository(this.deps.tenantClient(tenantId), tenantId).list({
      customerId,
    });
    const withEmail = contacts.filter((contact) => contact.email);
    return (withEmail.find((contact) => contact.primary) ?? withEmail[0])?.email ?? customerEmail;
  }

  /**
   * Sends the survey to each customer: one invitation with its own link, mailed through the outbox.
   * Customers without an address, unknown or archived ones are skipped and reported.
   */
  async send(caller: SurveyCaller & { surveyId: string }, body: SurveySendInput): Promise<SurveySendResult> {
    const input = parsed(SurveySendInputSchema, body);
    const survey = await this.get(caller);
    if (survey.status !== 'active') {
      throw new DomainError('invalid_state', 'Only an active survey can be sent; activate it first');
    }
    const client = this.deps.tenantClient(caller.tenantId);
    const tenant = await new TenantRepository(client).get({ tenantId: caller.tenantId });
    const customers = new CustomerRepository(client, caller.tenantId);
    const result: SurveySendResult = { sent: [], skipped: [] };
    const customerIds = input.segmentId
      ? await this.segmentMembers(caller.tenantId, input.segmentId)
      : (input.customerIds ?? []);
    for (const customerId of [...new Set(customerIds)]) {
      const customer = await customers.get({ customerId });
      if (!customer) {
        result.skipped.push({ customerId, reason: 'not_found' });
        continue;
      }
      if (customer.archivedAt) {
        result.skipped.push({ customerId, reason: 'archived' });
        continue;
      }
      const email = await this.addressOf(caller.tenantId, customerId, customer.email);
      if (!email) {
        result.skipped.push({ customerId, reason: 'no_email' });
        continue;
      }
      const now = this.deps.clock();
      const token = newSecret();
      const invitation: SurveyInvitation = {
        id: newId(),
        surveyId: survey.id,
        customerId,
        email,
        sentAt: now.toISOString(),
        sentBy: caller.actorId,
        validUntil: new Date(now.getTime() + SURVEY_LINK_DAYS * DAY_MS).toISOString(),
        answeredAt: null,
        answers: null,
        rating: null,
        locale: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      const link = publicLink(this.deps.publicUrl, `s/${token}`);
      const sent = await this.links.send({
        tenantId: caller.tenantId,
        tokenHash: hashSecret(token),
        invitation,
      });
      if (!sent)
        throw new DomainError('invalid_state', 'The survey was archived while sending; activate it again');
      const locale = input.locale === 'en' ? 'en' : 'zh-CN';
      await this.deps.mailer.send({
        kind: 'survey',
        to: email,
        tenantId: caller.tenantId,
        ...renderMail('survey', locale, {
          tenantName: tenant?.name ?? '',
          title: input.locale === 'en' ? survey.title.en : survey.title.zh,
          link,
          days: SURVEY_LINK_DAYS,
        }),
      });
      result.sent.push({ customerId, invitationId: invitation.id, email });
    }
    return result;
  }

  /** The ids of a segment's members, refused with a field error if there are more than one send takes. */
  private async segmentMembers(tenantId: string, segmentId: string): Promise<string[]> {
    const segments = this.deps.segments;
    if (!segments) throw new DomainError('invalid_state', 'Segments are not available here');
    const fieldError = (message: string) =>
      new DomainError('validation_failed', `segmentId: ${message}`, {
        fields: [{ path: 'segmentId', message }],
      });
    const segment = await segments.get({ tenantId, segmentId }).catch((error) => {
      if (error instanceof DomainError && error.code === 'not_found') throw fieldError('no such segment');
      throw error;
    });
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await segments.membersOfFilter(tenantId, segment.filter, { limit: 200, cursor });
      ids.push(...page.items.map((customer) => customer.id));
      if (ids.length > SURVEY_SEND_MAX) {
        throw fieldError(
          `the segment has more than ${SURVEY_SEND_MAX} members; one send reaches at most ${SURVEY_SEND_MAX}`,
        );
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (ids.length === 0) throw fieldError('the segment has no members');
    return ids;
  }

  /** NPS, CSAT and per-item means over answers in [from, to] (days, UTC), overall and per month. */
  async results(
    { tenantId, surveyId }: { tenantId: string; surveyId: string },
    range: { from?: string | undefined; to?: string | undefined },
  ): Promise<SurveyResults> {
    const survey = await this.get({ tenantId, surveyId });
    const today = this.deps.clock().toISOString().slice(0, 10);
    const to = range.to ?? today;
    const from = range.from ?? `${String(Number(to.slice(0, 4)) - 1)}${to.slice(4, 8)}01`;
    if (from > to) {
      throw new DomainError('validation_failed', 'from must not be after to', {
        fields: [{ path: 'from', message: 'must not be after to' }],
      });
    }
    const start = `${from}T00:00:00.000Z`;
    const end = `${to}T23:59:59.999Z\uffff`;
    const repository = this.surveys(tenantId);
    const [sent, answered] = await Promise.all([
      repository.sentBetween(surveyId, start, end),
      repository.answeredBetween(surveyId, start, end),
    ]);
    const answers = answered.flatMap((invitation) =>
      invitation.answeredAt && invitation.answers
        ? [{ answeredAt: invitation.answeredAt, answers: invitation.answers }]
        : [],
    );
    const answeredOfSent = sent.filter((invitation) => invitation.answeredAt !== null).length;
    return {
      surveyId,
      from,
      to,
      sent: sent.length,
      answeredOfSent,
      responseRate: sent.length === 0 ? null : Math.round((answeredOfSent / sent.length) * 1000) / 10,
      ...surveyFigures(
        survey.questions,
        answers.map((entry) => entry.answers),
      ),
      months: monthlySurveyFigures(survey.questions, answers),
    };
  }

  /** One customer's surveys, newest first: sent, answered or not, with answers and rating. */
  async ofCustomer({
    tenantId,
    customerId,
  }: {
    tenantId: string;
    customerId: string;
  }): Promise<SurveyInvitation[]> {
    const client = this.deps.tenantClient(tenantId);
    if (!(await new CustomerRepository(client, tenantId).get({ customerId }))) {
      throw new DomainError('not_found', 'Customer not found');
    }
    return this.surveys(tenantId).ofCustomer(customerId, 100);
  }

  private async claimPage(origin: SurveyRequestOrigin): Promise<void> {
    if (!origin.clientAddress) return;
    const decision = await this.throttles.claim({
      key: platformKeys.surveyThrottle(origin.clientAddress),
      ...SURVEY_PAGE_THROTTLE,
      now: this.deps.clock(),
    });
    if (!decision.allowed) {
      throw new DomainError('rate_limited', 'Too many survey requests from this address; try again later', {
        details: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }
  }

  /** The link's survey and invitation if it can still be answered; else the one not-found. */
  private async open(token: string) {
    const link = await this.links.find(hashSecret(token));
    const now = this.deps.clock().toISOString();
    if (!link || link.validUntil <= now) throw linkNotFound();
    const surveys = this.surveys(link.tenantId);
    const [survey, invitation] = await Promise.all([
      surveys.get(link.surveyId),
      surveys.invitation(link.surveyId, link.sentAt, link.invitationId),
    ]);
    if (survey?.status !== 'active' || !invitation || invitation.answeredAt) throw linkNotFound();
    return { link, survey, invitation, now };
  }

  /** What the public page shows: title, intro, questions and the tenant's display name, nothing else. */
  async publicSurvey(token: string, origin: SurveyRequestOrigin): Promise<PublicSurvey> {
    await this.claimPage(origin);
    const { link, survey, invitation } = await this.open(token);
    const tenant = await new TenantRepository(this.deps.tenantClient(link.tenantId)).get({
      tenantId: link.tenantId,
    });
    return {
      tenantName: tenant?.name ?? '',
      title: survey.title,
      intro: survey.intro,
      questions: survey.questions,
      validUntil: invitation.validUntil,
    };
  }

  /**
   * Records the answer once: out-of-scale answers are refused with field errors and nothing
   * written; the link, the invitation, the survey's count and the customer's satisfaction figure
   * change together.
   */
  async answer(token: string, body: SurveyAnswerInput, origin: SurveyRequestOrigin): Promise<void> {
    await this.claimPage(origin);
    const input = parsed(SurveyAnswerInputSchema, body);
    const { link, survey, invitation, now } = await this.open(token);
    const checked = checkSurveyAnswers(survey, input.answers);
    if (!checked.ok) {
      throw new DomainError(
        'validation_failed',
        `Invalid answers: ${checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
        { fields: checked.issues },
      );
    }
    const answered: SurveyInvitation = {
      ...invitation,
      answeredAt: now,
      answers: checked.answers,
      rating: satisfactionRatingOf(survey.questions, checked.answers),
      locale: input.locale,
      updatedAt: now,
      version: invitation.version + 1,
    };
    const recorded = await this.links.answer({
      tenantId: link.tenantId,
      tokenHash: hashSecret(token),
      answered,
      now,
    });
    if (!recorded) throw linkNotFound();
  }
}
