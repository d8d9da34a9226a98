import {
  addSurveyRunOutcomes,
  type Customer,
  canChangeSurveyStatus,
  checkSurveyAnswers,
  DomainError,
  decideSurveyRecipient,
  emptySurveySendCounts,
  monthlySurveyFigures,
  newId,
  type PublicSurvey,
  SURVEY_LINK_DAYS,
  type SurveyAnswerInput,
  SurveyAnswerInputSchema,
  type SurveyInvitation,
  type SurveyRecipientSkip,
  type SurveyResults,
  type SurveyRunOutcome,
  type SurveySendInput,
  SurveySendInputSchema,
  type SurveySendResult,
  type SurveySendRun,
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
  type SurveyClaim,
  SurveyLinkRepository,
  SurveyRepository,
  SurveySendQueue,
  SurveySendRunRepository,
  type TableClient,
  type TenantClientFactory,
  TenantRepository,
  type ThrottleLimit,
} from '@crm/dynamodb';
import { hashSecret, newSecret } from '../auth/secret-token.js';
import { renderMail } from '../mail/mail-templates.js';
import type { Mailer } from '../mail/mailer.js';
import { type PublicUrl, publicLink } from '../mail/public-links.js';
import { parsedInput } from '../parsed-input.js';
import type { SegmentService } from '../segments/segment.service.js';

/** Who acts: the tenant and the recorded actor id (from the verified token). */
export type SurveyCaller = { tenantId: string; actorId: string };
export type SurveyRequestOrigin = { clientAddress?: string | undefined };

/** Requests to the public survey page per client address: enough for a household, not for guessing. */
export const SURVEY_PAGE_THROTTLE: ThrottleLimit = { limit: 60, windowMs: 15 * 60 * 1000 };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Members of the segment a send run reads and invites per page (its progress is saved per page). */
export const SURVEY_SEND_PAGE = 50;
/** One resume of a run works at most this long, then files itself due again (the next pass goes on). */
export const SURVEY_SEND_BUDGET_MS = 20_000;
/**
 * How long whoever took a run up holds it: longer than one resume's budget, so an overlapping pass
 * leaves it alone; if the holder dies, the run is due again when this runs out.
 */
export const SURVEY_SEND_LEASE_MS = 2 * 60_000;
/**
 * How long a claim whose mail nobody began handing to the outbox is left to the worker that
 * claimed it (which hands it over milliseconds later) before a resumed page of its run mails it.
 * Shorter than a run's lease minus a resume's budget, so a run taken up again after its worker
 * died finds that worker's claims past theirs. Only a conditional write (`beginHanding`) lets one
 * worker mail a claim; the lease keeps workers out of each other's way.
 */
export const SURVEY_CLAIM_LEASE_MS = 60_000;

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
    /** Members per page of a send run. @default SURVEY_SEND_PAGE */
    sendPageSize?: number | undefined;
    /** How long one resume of a send run works. @default SURVEY_SEND_BUDGET_MS */
    sendBudgetMs?: number | undefined;
  };
  private readonly links: SurveyLinkRepository;
  private readonly sendQueue: SurveySendQueue;
  private readonly throttles: AttemptThrottleRepository;

  constructor(deps: SurveyService['deps']) {
    this.deps = deps;
    this.links = new SurveyLinkRepository(deps.table);
    this.sendQueue = new SurveySendQueue(deps.table);
    this.throttles = new AttemptThrottleRepository(deps.table);
  }

  private surveys(tenantId: string) {
    return new SurveyRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  async create(caller: SurveyCaller, body: SurveyTemplateInput): Promise<SurveyTemplate> {
    const input = parsedInput(SurveyTemplateInputSchema, body);
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
    const { version: _version, ...patch } = parsedInput(SurveyTemplatePatchSchema, body);
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

  private runs(tenantId: string) {
    return new SurveySendRunRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  /**
   * Sends the survey. To listed customers (at most 200) at once: each invited customer gets one
   * invitation with its own link, mailed through the outbox; unknown, archived, refused-consent,
   * address-less and already-invited ones are skipped and reported. To a segment, of any size: a
   * send run is started and answered at once; it walks the segment page by page (the first page
   * here, the rest by the scheduled resume, `resumeSurveySends`). Either way each customer is
   * claimed once per survey, so no repeat or overlapping send invites anyone twice.
   */
  async send(
    caller: SurveyCaller & { surveyId: string },
    body: SurveySendInput,
  ): Promise<{ kind: 'listed'; result: SurveySendResult } | { kind: 'run'; run: SurveySendRun }> {
    const input = parsedInput(SurveySendInputSchema, body);
    const survey = await this.get(caller);
    if (survey.status !== 'active') {
      throw new DomainError('invalid_state', 'Only an active survey can be sent; activate it first');
    }
    if (input.segmentId) {
      return { kind: 'run', run: await this.startRun(caller, input.segmentId, input.locale) };
    }
    const client = this.deps.tenantClient(caller.tenantId);
    const tenantName = await this.tenantName(caller.tenantId);
    const customers = new CustomerRepository(client, caller.tenantId);
    const result: SurveySendResult = { sent: [], skipped: [] };
    for (const customerId of [...new Set(input.customerIds ?? [])]) {
      const customer = await customers.get({ customerId });
      if (!customer) {
        result.skipped.push({ customerId, reason: 'not_found' });
        continue;
      }
      const invited = await this.invite(caller.tenantId, survey, customer, { sentBy: caller.actorId });
      if (invited.outcome === 'inactive')
        throw new DomainError('invalid_state', 'The survey was archived while sending; activate it again');
      if (invited.outcome !== 'sent') {
        result.skipped.push({
          customerId,
          reason: invited.outcome === 'claimed' ? 'already_invited' : invited.outcome,
        });
        continue;
      }
      const handed = await this.handOver(caller.tenantId, survey, customerId, invited, {
        locale: input.locale,
        tenantName,
      });
      // A listed send answers the outbox's refusal as it always did: an error (the invitation stands).
      if (handed.outcome === 'bounced') throw handed.error;
      result.sent.push({ customerId, invitationId: invited.invitationId, email: invited.email });
    }
    return { kind: 'listed', result };
  }

  private async tenantName(tenantId: string): Promise<string> {
    const tenant = await new TenantRepository(this.deps.tenantClient(tenantId)).get({ tenantId });
    return tenant?.name ?? '';
  }

  /**
   * Invites one customer unless it is to be skipped: the claim, the invitation, its link and the
   * survey's count in one transaction. `claimed` when the survey reached the customer before.
   */
  private async invite(
    tenantId: string,
    survey: SurveyTemplate,
    customer: Customer,
    options: { sentBy: string; runId?: string },
  ): Promise<
    | { outcome: 'sent'; invitationId: string; email: string; token: string }
    | { outcome: SurveyRecipientSkip | 'claimed' | 'inactive' }
  > {
    const decision = decideSurveyRecipient({
      customer,
      email:
        customer.archivedAt || customer.marketingConsent === false
          ? undefined
          : await this.addressOf(tenantId, customer.id, customer.email),
    });
    if (!decision.invite) return { outcome: decision.reason };
    const now = this.deps.clock();
    const token = newSecret();
    const invitation: SurveyInvitation = {
      id: newId(),
      surveyId: survey.id,
      customerId: customer.id,
      email: decision.email,
      sentAt: now.toISOString(),
      sentBy: options.sentBy,
      validUntil: new Date(now.getTime() + SURVEY_LINK_DAYS * DAY_MS).toISOString(),
      answeredAt: null,
      answers: null,
      rating: null,
      locale: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const outcome = await this.links.send({
      tenantId,
      tenantClient: this.deps.tenantClient(tenantId),
      tokenHash: hashSecret(token),
      invitation,
      runId: options.runId,
    });
    if (outcome !== 'sent') return { outcome };
    return { outcome, invitationId: invitation.id, email: decision.email, token };
  }

  private async mail(
    tenantId: string,
    survey: SurveyTemplate,
    invited: { email: string; token: string },
    options: { locale: 'zh' | 'en'; tenantName: string },
  ): Promise<void> {
    await this.deps.mailer.send({
      kind: 'survey',
      to: invited.email,
      tenantId,
      ...renderMail('survey', options.locale === 'en' ? 'en' : 'zh-CN', {
        tenantName: options.tenantName,
        title: options.locale === 'en' ? survey.title.en : survey.title.zh,
        link: publicLink(this.deps.publicUrl, `s/${invited.token}`),
        days: SURVEY_LINK_DAYS,
      }),
    });
  }

  /**
   * Hands a claimed invitation's mail to the outbox and records that it did. Exactly one worker
   * does: `beginHanding` is a conditional write just before the outbox is called (`taken`: someone
   * else has it). A worker that dies before it leaves the claim to a resumed page of its run; one
   * that dies after it (the outbox called, its answer not yet recorded) leaves the claim handing
   * for good — the worst case is a mail never sent, never one sent twice.
   */
  private async handOver(
    tenantId: string,
    survey: SurveyTemplate,
    customerId: string,
    invited: { email: string; token: string },
    options: { locale: 'zh' | 'en'; tenantName: string },
  ): Promise<{ outcome: 'invited' | 'taken' } | { outcome: 'bounced'; error: unknown }> {
    const runs = this.runs(tenantId);
    const claim = { surveyId: survey.id, customerId };
    if (!(await runs.beginHanding({ ...claim, at: this.deps.clock().toISOString() })))
      return { outcome: 'taken' };
    try {
      await this.mail(tenantId, survey, invited, options);
    } catch (error) {
      await runs.markHanded({ ...claim, at: this.deps.clock().toISOString(), refused: true });
      return { outcome: 'bounced', error };
    }
    await runs.markHanded({ ...claim, at: this.deps.clock().toISOString(), refused: false });
    return { outcome: 'invited' };
  }

  /**
   * A claim of this run whose worker died (or failed) before handing its mail over: mailed now to
   * the invitation's address, with a new link (the first one's token died with that worker).
   */
  private async mailLeftBehind(
    tenantId: string,
    survey: SurveyTemplate,
    claim: SurveyClaim,
    options: { locale: 'zh' | 'en'; tenantName: string },
  ): Promise<SurveyRunOutcome> {
    const invitation = await this.surveys(tenantId).invitation(
      survey.id,
      claim.claimedAt,
      claim.invitationId,
    );
    if (!invitation) return 'invited';
    const token = newSecret();
    await this.links.relink({ tenantId, tokenHash: hashSecret(token), invitation });
    const handed = await this.handOver(
      tenantId,
      survey,
      claim.customerId,
      { email: invitation.email, token },
      options,
    );
    if (handed.outcome === 'bounced') {
      console.warn('survey mail not accepted', (handed.error as Error).message);
      return 'bounced';
    }
    return 'invited';
  }

  private segmentsOrFail(): SegmentService {
    if (!this.deps.segments) throw new DomainError('invalid_state', 'Segments are not available here');
    return this.deps.segments;
  }

  /**
   * Starts a send run to the segment: refused with a field error on `segmentId` when there is no
   * such segment or it has no members. Filed on the due list before its first page, so a crash
   * during it leaves a run the scheduled resume carries on, never one nobody would.
   */
  private async startRun(
    caller: SurveyCaller & { surveyId: string },
    segmentId: string,
    locale: 'zh' | 'en',
  ) {
    const segments = this.segmentsOrFail();
    const fieldError = (message: string) =>
      new DomainError('validation_failed', `segmentId: ${message}`, {
        fields: [{ path: 'segmentId', message }],
      });
    const segment = await segments.get({ tenantId: caller.tenantId, segmentId }).catch((error) => {
      if (error instanceof DomainError && error.code === 'not_found') throw fieldError('no such segment');
      throw error;
    });
    const first = await segments.membersOfFilter(caller.tenantId, segment.filter, { limit: 1 });
    if (first.items.length === 0) throw fieldError('the segment has no members');
    const at = this.deps.clock().toISOString();
    const run: SurveySendRun = {
      id: newId(),
      surveyId: caller.surveyId,
      segmentId,
      locale,
      status: 'running',
      counts: emptySurveySendCounts(),
      pages: 0,
      failure: null,
      startedAt: at,
      startedBy: caller.actorId,
      finishedAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const entry = { tenantId: caller.tenantId, surveyId: caller.surveyId, runId: run.id };
    await this.sendQueue.mark({ ...entry, dueAt: this.leaseEnd() });
    await this.runs(caller.tenantId).create(run);
    await this.carryOnRun(entry, { maxPages: 1 });
    return this.sendRun({ tenantId: caller.tenantId, surveyId: caller.surveyId, runId: run.id });
  }

  /** When a run taken up now is due again if whoever took it dies. */
  private leaseEnd(): string {
    return new Date(this.deps.clock().getTime() + SURVEY_SEND_LEASE_MS).toISOString();
  }

  /** One send run of the survey, with its progress; another tenant's or an unknown one: 404. */
  async sendRun({
    tenantId,
    surveyId,
    runId,
  }: {
    tenantId: string;
    surveyId: string;
    runId: string;
  }): Promise<SurveySendRun> {
    const found = await this.runs(tenantId).get(surveyId, runId);
    if (!found) throw new DomainError('not_found', 'Send run not found');
    return found.run;
  }

  /** The survey's send runs, newest first (at most 50). */
  async sendRuns({ tenantId, surveyId }: { tenantId: string; surveyId: string }): Promise<SurveySendRun[]> {
    await this.get({ tenantId, surveyId });
    return this.runs(tenantId).list(surveyId, 50);
  }

  /**
   * Carries a send run on from where its walk stands, a page at a time, within the budget (or
   * `maxPages`): each page's outcomes, its counts and the next cursor are saved together, so a
   * crash between pages resumes at the next one, and one within a page redoes it — its claims
   * keep every customer to one invitation, and those this run claimed count as invited again.
   * A run that cannot go on (the survey archived, the segment deleted) ends `failed`.
   */
  async carryOnRun(
    entry: { tenantId: string; surveyId: string; runId: string },
    options: { maxPages?: number } = {},
  ): Promise<{ done: boolean }> {
    const { tenantId, surveyId, runId } = entry;
    const runs = this.runs(tenantId);
    const found = await runs.get(surveyId, runId);
    if (found?.run.status !== 'running') {
      await this.sendQueue.clear(entry);
      return { done: true };
    }
    const { run } = found;
    const fail = async (failure: string) => {
      await runs.fail({ surveyId, runId, failure, now: this.deps.clock().toISOString() });
      await this.sendQueue.clear(entry);
      return { done: true };
    };
    const survey = await this.surveys(tenantId).get(surveyId);
    if (survey?.status !== 'active') return fail('the survey is no longer active');
    const segments = this.segmentsOrFail();
    const segment = await segments.get({ tenantId, segmentId: run.segmentId }).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return undefined;
      throw error;
    });
    if (!segment) return fail('the segment was deleted');
    const tenantName = await this.tenantName(tenantId);
    const customers = new CustomerRepository(this.deps.tenantClient(tenantId), tenantId);
    const pageSize = this.deps.sendPageSize ?? SURVEY_SEND_PAGE;
    const deadline = this.deps.clock().getTime() + (this.deps.sendBudgetMs ?? SURVEY_SEND_BUDGET_MS);
    let cursor = found.cursor ?? undefined;
    let counts = run.counts;
    for (let pagesDone = run.pages, taken = 1; ; pagesDone++, taken++) {
      const page = await segments
        .membersOfFilter(tenantId, segment.filter, { limit: pageSize, cursor })
        .catch((error: unknown) => {
          // The segment's filter changed since the walk was saved: its cursor no longer fits, so the
          // walk starts over (whoever was invited already is claimed, and counted already invited).
          if (!(cursor && error instanceof DomainError && error.code === 'validation_failed')) throw error;
          cursor = undefined;
          return segments.membersOfFilter(tenantId, segment.filter, { limit: pageSize });
        });
      const outcomes: SurveyRunOutcome[] = [];
      for (const member of page.items) {
        // The member as stored now: archived or changed since the segment's page was read.
        const customer = (await customers.get({ customerId: member.id })) ?? member;
        const invited = await this.invite(tenantId, survey, customer, { sentBy: run.startedBy, runId });
        if (invited.outcome === 'inactive') return fail('the survey was archived while sending');
        if (invited.outcome === 'claimed') {
          const claim = await runs.claim(surveyId, customer.id);
          if (claim?.runId !== runId) {
            outcomes.push('already_invited');
            continue;
          }
          if (claim.handingAt === null) {
            const waitMs =
              new Date(claim.claimedAt).getTime() + SURVEY_CLAIM_LEASE_MS - this.deps.clock().getTime();
            if (waitMs > 0) {
              // Claimed moments ago by a worker that may still be handing it over: this page is
              // done again once the claim's lease has run out (then it is mailed if left behind).
              await this.sendQueue.mark({
                ...entry,
                dueAt: new Date(this.deps.clock().getTime() + waitMs).toISOString(),
              });
              return { done: false };
            }
            outcomes.push(
              await this.mailLeftBehind(tenantId, survey, claim, { locale: run.locale, tenantName }),
            );
            continue;
          }
          // Its own claim, from a page done before: counted as then (a claim whose handing began
          // and never ended counts invited: nobody can tell whether the outbox took it).
          outcomes.push(claim.refused ? 'bounced' : 'invited');
          continue;
        }
        if (invited.outcome !== 'sent') {
          outcomes.push(invited.outcome);
          continue;
        }
        const handed = await this.handOver(tenantId, survey, customer.id, invited, {
          locale: run.locale,
          tenantName,
        });
        if (handed.outcome === 'bounced') {
          // The outbox refused it: the invitation stands (its link works), the mail bounced.
          console.warn('survey mail not accepted', (handed.error as Error).message);
          outcomes.push('bounced');
        } else outcomes.push('invited');
      }
      counts = addSurveyRunOutcomes(counts, outcomes);
      const next = page.nextCursor ?? null;
      const saved = await runs.savePage({
        surveyId,
        runId,
        pagesDone,
        counts,
        cursor: next,
        now: this.deps.clock().toISOString(),
        finished: next === null,
      });
      // Another worker did this page meanwhile and carries the run on: leave it to it.
      if (!saved) return { done: false };
      if (next === null) {
        await this.sendQueue.clear(entry);
        return { done: true };
      }
      cursor = next;
      if (
        this.deps.clock().getTime() >= deadline ||
        (options.maxPages !== undefined && taken >= options.maxPages)
      ) {
        await this.sendQueue.mark({ ...entry, dueAt: this.deps.clock().toISOString() });
        return { done: false };
      }
    }
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
    const input = parsedInput(SurveyAnswerInputSchema, body);
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
