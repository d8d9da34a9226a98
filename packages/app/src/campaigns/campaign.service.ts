import {
  type AddressSkipReason,
  addressSkipReasons,
  type Campaign,
  type CampaignAddressing,
  type CampaignDelivery,
  type CampaignInput,
  CampaignInputSchema,
  type CampaignPatch,
  CampaignPatchSchema,
  type CampaignPreview,
  CampaignPreviewInputSchema,
  type CampaignRecipient,
  type CampaignResults,
  type CampaignSendResult,
  type CampaignSettings,
  CampaignSettingsSchema,
  type Contact,
  type Customer,
  campaignAddresses,
  customerSkipReason,
  DomainError,
  type FieldIssue,
  groupConversion,
  inHoldout,
  newId,
  type PublicUnsubscribe,
  phoneE164,
  type RecipientSkipReason,
  recipientSkipReasons,
  unknownPlaceholders,
  upliftOf,
} from '@crm/domain';
import {
  AttemptThrottleRepository,
  CampaignRepository,
  CampaignSendQueue,
  ContactRepository,
  CustomerRepository,
  InteractionRepository,
  MailSuppressionRepository,
  platformKeys,
  SmsMessageRepository,
  type TableClient,
  type TenantClientFactory,
  TenantRepository,
  type ThrottleLimit,
  type UnsubscribeLink,
  UnsubscribeLinkRepository,
} from '@crm/dynamodb';
import pMap from 'p-map';
import { hashSecret, newSecret } from '../auth/secret-token.js';
import type { Mailer } from '../mail/mailer.js';
import { type PublicUrl, publicLink } from '../mail/public-links.js';
import { parsedInput } from '../parsed-input.js';
import type { SegmentService } from '../segments/segment.service.js';
import { campaignMessage, renderCampaignMessage } from './campaign-message.js';

export type CampaignCaller = { tenantId: string; actorId: string };
export type CampaignRequestOrigin = { clientAddress?: string | undefined };

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long an unsubscribe link works: long, since a message may be read months later. */
const UNSUBSCRIBE_LINK_DAYS = 365;
/** Requests to the public unsubscribe page per client address. */
export const UNSUBSCRIBE_PAGE_THROTTLE: ThrottleLimit = { limit: 60, windowMs: 15 * 60 * 1000 };
/** Conversions are looked up for at most this many customers per group (one query each). */
const CONVERSION_LOOKUP_CAP = 2_000;
/** Members read per step of the walk through the segment. */
const WALK_PAGE = 50;
/**
 * One send request works at most this long, then answers with what it did (the job is resumable:
 * the next request carries on). Under API Gateway's 30 s.
 */
const DEFAULT_SEND_BUDGET_MS = 20_000;
/**
 * While someone drives a send from the API (the campaign page calls again after `retryAfterSeconds`),
 * the scheduled resume waits this much longer before it takes over, so the two rarely overlap
 * (when they do, the per-recipient claim still sends nobody twice).
 */
export const ATTENDED_SEND_GRACE_MS = 60_000;

/**
 * How long a claimed customer whose message nobody began handing to the outbox is left to the
 * worker that claimed it (which hands it over milliseconds later) before a resumed send mails it.
 * Shorter than the scheduled resume's lease minus its budget, so a send resumed after its worker
 * died finds that worker's claims past theirs. Only a conditional write (`beginHanding`) lets one
 * worker mail a claim, so the lease keeps workers out of each other's way; it is not what keeps
 * a message to one copy.
 */
export const CAMPAIGN_CLAIM_LEASE_MS = 60_000;

/** One message for an unknown, expired or forged link, so none can be told from another. */
const linkNotFound = () => new DomainError('not_found', 'This unsubscribe link is not valid');

/** Field errors for `{{placeholders}}` the templates do not know, by field. */
function placeholderIssues(texts: { path: string; text: string | undefined }[]): FieldIssue[] {
  return texts.flatMap(({ path, text }) => {
    const unknown = text === undefined ? [] : unknownPlaceholders(text);
    return unknown.length === 0
      ? []
      : [{ path, message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}` }];
  });
}

function templateTexts(campaign: {
  subject?: { zh: string; en: string } | null | undefined;
  body?: { zh: string; en: string } | undefined;
}) {
  return [
    { path: 'subject.zh', text: campaign.subject?.zh },
    { path: 'subject.en', text: campaign.subject?.en },
    { path: 'body.zh', text: campaign.body?.zh },
    { path: 'body.en', text: campaign.body?.en },
  ];
}

function refuseUnknownPlaceholders(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new DomainError(
    'validation_failed',
    `Invalid template: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    { fields: issues },
  );
}

/**
 * Campaigns (批量沟通): one message by e-mail or SMS to a saved segment, through the outbox, with
 * consent and a personal unsubscribe link, the tenant's send rate, an optional seeded hold-out
 * group, and results measured against it.
 */
export class CampaignService {
  private readonly deps: {
    table: TableClient;
    tenantClient: TenantClientFactory;
    clock: () => Date;
    mailer: Mailer;
    segments: SegmentService;
    publicUrl?: PublicUrl | undefined;
    sendBudgetMs?: number | undefined;
  };
  private readonly links: UnsubscribeLinkRepository;
  private readonly sendQueue: CampaignSendQueue;
  private readonly throttles: AttemptThrottleRepository;
  private readonly suppressions: MailSuppressionRepository;
  private readonly smsMessages: SmsMessageRepository;

  constructor(deps: CampaignService['deps']) {
    this.deps = deps;
    this.links = new UnsubscribeLinkRepository(deps.table);
    this.sendQueue = new CampaignSendQueue(deps.table);
    this.throttles = new AttemptThrottleRepository(deps.table);
    this.suppressions = new MailSuppressionRepository(deps.table);
    this.smsMessages = new SmsMessageRepository(deps.table);
  }

  private campaigns(tenantId: string) {
    return new CampaignRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  private async assertSegment(tenantId: string, segmentId: string): Promise<void> {
    try {
      await this.deps.segments.get({ tenantId, segmentId });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') {
        throw new DomainError('validation_failed', 'No such segment', {
          fields: [{ path: 'segmentId', message: 'no such segment' }],
        });
      }
      throw error;
    }
  }

  async create(caller: CampaignCaller, body: CampaignInput): Promise<Campaign> {
    const input = parsedInput(CampaignInputSchema, body);
    refuseUnknownPlaceholders(placeholderIssues(templateTexts(input)));
    await this.assertSegment(caller.tenantId, input.segmentId);
    const at = this.deps.clock().toISOString();
    const campaign: Campaign = {
      id: newId(),
      name: input.name,
      channel: input.channel,
      segmentId: input.segmentId,
      ...(input.channel === 'email' && input.subject ? { subject: input.subject } : {}),
      body: input.body,
      locale: input.locale,
      holdoutPercent: input.holdoutPercent,
      conversionDays: input.conversionDays,
      requireConsent: input.requireConsent,
      status: 'draft',
      progress: { processed: 0, sent: 0, skipped: 0, bounced: 0, holdout: 0 },
      sendStartedAt: null,
      sentAt: null,
      sentBy: null,
      createdAt: at,
      createdBy: caller.actorId,
      updatedAt: at,
      version: 1,
    };
    await this.campaigns(caller.tenantId).create(campaign);
    return campaign;
  }

  async get({ tenantId, campaignId }: { tenantId: string; campaignId: string }): Promise<Campaign> {
    const campaign = await this.campaigns(tenantId).get(campaignId);
    if (!campaign) throw new DomainError('not_found', 'Campaign not found');
    return campaign;
  }

  async list({ tenantId }: { tenantId: string }, query: { limit: number; cursor?: string | undefined }) {
    return this.campaigns(tenantId).list(query);
  }

  /** Changes a draft at `expectedVersion`; a campaign that started sending is final. */
  async update(
    caller: CampaignCaller & { campaignId: string },
    body: CampaignPatch,
    expectedVersion: number,
  ): Promise<Campaign> {
    const { version: _version, ...patch } = parsedInput(CampaignPatchSchema, body);
    const current = await this.get(caller);
    if (current.status !== 'draft') {
      throw new DomainError('invalid_state', 'Only a draft campaign can change');
    }
    const merged = {
      ...current,
      ...patch,
      subject: patch.subject === null ? undefined : (patch.subject ?? current.subject),
    };
    if (merged.channel === 'email' && !merged.subject) {
      throw new DomainError('validation_failed', 'An e-mail needs a subject', {
        fields: [{ path: 'subject', message: 'an e-mail needs a subject' }],
      });
    }
    refuseUnknownPlaceholders(placeholderIssues(templateTexts(patch)));
    if (patch.segmentId) await this.assertSegment(caller.tenantId, patch.segmentId);
    const { subject, ...rest } = patch;
    return this.campaigns(caller.tenantId).update({
      campaignId: caller.campaignId,
      expectedVersion,
      changes: { ...rest, ...(subject !== undefined ? { subject: subject ?? undefined } : {}) },
      now: this.deps.clock().toISOString(),
    });
  }

  async remove(caller: CampaignCaller & { campaignId: string }, expectedVersion?: number): Promise<void> {
    await this.campaigns(caller.tenantId).remove(caller.campaignId, expectedVersion);
  }

  async settings({ tenantId }: { tenantId: string }): Promise<CampaignSettings> {
    return this.campaigns(tenantId).settings();
  }

  async saveSettings({ tenantId }: { tenantId: string }, body: unknown): Promise<CampaignSettings> {
    const settings = parsedInput(CampaignSettingsSchema, body);
    await this.campaigns(tenantId).saveSettings(settings);
    return settings;
  }

  private async tenantContext(tenantId: string) {
    const tenant = await new TenantRepository(this.deps.tenantClient(tenantId)).get({ tenantId });
    return { tenantName: tenant?.name ?? '', currency: tenant?.settings.defaultCurrency ?? 'CNY' };
  }

  /**
   * The composer's preview: the message one customer would get, placeholders filled, and every
   * address it would go to or pass over, decided by the send's own rule (`addressing`).
   */
  async preview({ tenantId }: { tenantId: string }, body: unknown): Promise<CampaignPreview> {
    const input = parsedInput(CampaignPreviewInputSchema, body);
    refuseUnknownPlaceholders(placeholderIssues(templateTexts(input)));
    const customer = await new CustomerRepository(this.deps.tenantClient(tenantId), tenantId).get({
      customerId: input.customerId,
    });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    const rendered = renderCampaignMessage({ ...input, customer, ...(await this.tenantContext(tenantId)) });
    const contacts = await this.contactsOf(tenantId, customer);
    const addressing = await this.addressing(input, customer, contacts);
    const nameOf = (contactId: string | null) =>
      contactId === null ? null : (contacts.find((contact) => contact.id === contactId)?.name ?? null);
    return {
      to: addressing.send[0]?.to ?? null,
      addresses: [
        ...addressing.send.map((address) => ({
          ...address,
          contactName: nameOf(address.contactId),
          sent: true,
          reason: null,
        })),
        ...addressing.passedOver.map(({ reason, ...address }) => ({
          ...address,
          contactName: nameOf(address.contactId),
          sent: false,
          reason,
        })),
      ],
      subject: rendered.subject,
      text: rendered.text,
    };
  }

  private async contactsOf(tenantId: string, customer: Customer): Promise<Contact[]> {
    return new ContactRepository(this.deps.tenantClient(tenantId), tenantId).list({
      customerId: customer.id,
    });
  }

  /**
   * Who at the customer the message goes to, and who is left out and why (`campaignAddresses`:
   * each contact by the person's own consent), e-mail addresses SES reported bouncing and phone
   * numbers SNS reported as never taking SMS left out too. The send and the preview both ask this.
   */
  private async addressing(
    campaign: Pick<Campaign, 'channel' | 'requireConsent'>,
    customer: Customer,
    contacts: readonly Contact[],
  ): Promise<CampaignAddressing> {
    const addressing = campaignAddresses({
      customer,
      contacts,
      channel: campaign.channel,
      requireConsent: campaign.requireConsent,
    });
    const send: CampaignAddressing['send'] = [];
    for (const address of addressing.send) {
      if (await this.isSuppressed(campaign.channel, address.to))
        addressing.passedOver.push({ ...address, reason: 'suppressed' });
      else send.push(address);
    }
    return { ...addressing, send };
  }

  private async isSuppressed(channel: Campaign['channel'], to: string): Promise<boolean> {
    if (channel === 'email') return Boolean(await this.suppressions.get({ email: to }));
    // SNS reports numbers in E.164; one without a country code never went out to be reported.
    const phone = phoneE164(to);
    return phone ? Boolean(await this.suppressions.getPhone({ phone })) : false;
  }

  /**
   * Sends the campaign: a draft starts sending; a sending one carries on where it stopped. Walks
   * the segment's members, deciding each customer once (held out, skipped with a reason, or sent —
   * a recipient item by conditional put, so no customer is ever sent the message twice, however
   * often this runs). Each message takes a slot of the tenant's send rate; when the minute's slots
   * are used up, or this request's time is, it answers `done: false` and the next call resumes —
   * the caller's, or the scheduled resume's a little later if nobody calls (`resumeCampaignSends`).
   */
  async send(caller: CampaignCaller & { campaignId: string }): Promise<CampaignSendResult> {
    const { tenantId, campaignId } = caller;
    const repository = this.campaigns(tenantId);
    const state = await repository.getForSending(campaignId);
    if (!state) throw new DomainError('not_found', 'Campaign not found');
    if (state.campaign.status === 'sent')
      return { campaign: state.campaign, done: true, retryAfterSeconds: null };
    if (state.campaign.status === 'draft') {
      await this.assertSegment(tenantId, state.campaign.segmentId);
      // Listed for the scheduled resume before it starts: a crash between the two leaves an entry
      // for a draft, which the resume drops, never a send nobody would carry on.
      await this.sendQueue.mark({
        tenantId,
        campaignId,
        dueAt: new Date(this.deps.clock().getTime() + ATTENDED_SEND_GRACE_MS).toISOString(),
      });
      await repository.startSending({
        campaignId,
        now: this.deps.clock().toISOString(),
        actorId: caller.actorId,
      });
    }
    return this.carryOn(tenantId, campaignId, { attended: true });
  }

  /**
   * The scheduled resume of one unfinished send (nobody is calling the API for it): carries on as
   * `send` would, under the same rate and claims. A campaign that is not sending any more, is gone,
   * or whose segment was deleted has its entry dropped and answers `done: true`.
   */
  async resume({ tenantId, campaignId }: { tenantId: string; campaignId: string }): Promise<{
    done: boolean;
    retryAfterSeconds: number | null;
  }> {
    const state = await this.campaigns(tenantId).getForSending(campaignId);
    if (state?.campaign.status !== 'sending') {
      await this.sendQueue.clear({ tenantId, campaignId });
      return { done: true, retryAfterSeconds: null };
    }
    try {
      const { done, retryAfterSeconds } = await this.carryOn(tenantId, campaignId, { attended: false });
      return { done, retryAfterSeconds };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'invalid_state') {
        // The segment was deleted (or the campaign stopped sending meanwhile): it cannot go on.
        await this.sendQueue.clear({ tenantId, campaignId });
        return { done: true, retryAfterSeconds: null };
      }
      throw error;
    }
  }

  /** One run of a sending campaign's walk, within the budget; files the next resume. */
  private async carryOn(
    tenantId: string,
    campaignId: string,
    options: { attended: boolean },
  ): Promise<CampaignSendResult> {
    const repository = this.campaigns(tenantId);
    const state = await repository.getForSending(campaignId);
    if (!state) throw new DomainError('not_found', 'Campaign not found');
    if (state.campaign.status === 'sent') {
      await this.sendQueue.clear({ tenantId, campaignId });
      return { campaign: state.campaign, done: true, retryAfterSeconds: null };
    }
    const campaign = state.campaign;
    const segment = await this.deps.segments
      .get({ tenantId, segmentId: campaign.segmentId })
      .catch((error) => {
        if (error instanceof DomainError && error.code === 'not_found') {
          throw new DomainError('invalid_state', 'The campaign’s segment was deleted; the send cannot go on');
        }
        throw error;
      });
    const { sendRatePerMinute } = await repository.settings();
    const context = await this.tenantContext(tenantId);
    const deadline = this.deps.clock().getTime() + (this.deps.sendBudgetMs ?? DEFAULT_SEND_BUDGET_MS);
    const finish = async (done: boolean, retryAfterSeconds: number | null) => {
      if (done) await this.sendQueue.clear({ tenantId, campaignId });
      else {
        const wait = (retryAfterSeconds ?? 0) * 1000 + (options.attended ? ATTENDED_SEND_GRACE_MS : 0);
        await this.sendQueue.mark({
          tenantId,
          campaignId,
          dueAt: new Date(this.deps.clock().getTime() + wait).toISOString(),
        });
      }
      const latest = await repository.get(campaignId, { consistent: true });
      return { campaign: latest ?? campaign, done, retryAfterSeconds };
    };

    let cursor: string | undefined = state.walkCursor ?? undefined;
    for (;;) {
      const page = await this.deps.segments
        .membersOfFilter(tenantId, segment.filter, { limit: WALK_PAGE, cursor })
        .catch((error: unknown) => {
          // The segment's filter changed since the walk was saved: its cursor no longer fits, so
          // the walk starts over (whoever was decided already is passed over).
          if (!(cursor && error instanceof DomainError && error.code === 'validation_failed')) throw error;
          cursor = undefined;
          return this.deps.segments.membersOfFilter(tenantId, segment.filter, { limit: WALK_PAGE });
        });
      for (const customer of page.items) {
        const decision = await this.decide(tenantId, campaign, customer, sendRatePerMinute, context);
        if (typeof decision === 'object') {
          // Claimed moments ago by a worker that may still be handing it over: this page is walked
          // again once the claim's lease has run out (then it is mailed if it was left behind).
          await repository.saveWalkCursor(campaignId, cursor ?? null);
          return finish(false, Math.max(1, Math.ceil(decision.waitMs / 1000)));
        }
        if (decision === 'throttled') {
          // This page starts again next time: whoever was decided on it is passed over then.
          await repository.saveWalkCursor(campaignId, cursor ?? null);
          const now = this.deps.clock().getTime();
          return finish(false, Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000)));
        }
        if (decision === 'decided' && this.deps.clock().getTime() >= deadline) {
          // Out of time within a page (slow sends): it starts again next time, as above, so a
          // request never runs far past its budget whatever the page holds. Only after deciding
          // someone new: passing over the decided ones alone must not end a run, or it would
          // never get past them.
          await repository.saveWalkCursor(campaignId, cursor ?? null);
          return finish(false, 0);
        }
      }
      cursor = page.nextCursor ?? undefined;
      if (!cursor) {
        await repository.finishSending({ campaignId, now: this.deps.clock().toISOString() });
        return finish(true, null);
      }
      await repository.saveWalkCursor(campaignId, cursor);
      if (this.deps.clock().getTime() >= deadline) return finish(false, 0);
    }
  }

  /**
   * Decides one customer of the segment: 'passed' when it was decided before (a resumed run),
   * 'throttled' when the tenant's rate has no slot left now, `waitMs` when another worker claimed
   * it moments ago and may still be handing it over (the page is walked again once that claim's
   * lease has run out). A claim left behind by a worker that died or failed before handing the
   * message over is mailed now (`handOver`), so a resumed send reaches that customer too.
   */
  private async decide(
    tenantId: string,
    campaign: Campaign,
    customer: Customer,
    ratePerMinute: number,
    context: { tenantName: string; currency: string },
  ): Promise<'decided' | 'passed' | 'throttled' | { waitMs: number }> {
    const repository = this.campaigns(tenantId);
    const now = this.deps.clock();
    const existing = await repository.recipient(campaign.id, customer.id);
    if (existing) {
      // Only a claim that recorded its addresses and that nobody began handing over is resumable.
      if (!(existing.status === 'sending' && existing.planned && existing.handingAt === null))
        return 'passed';
      const waitMs = new Date(existing.decidedAt).getTime() + CAMPAIGN_CLAIM_LEASE_MS - now.getTime();
      if (waitMs > 0) return { waitMs };
      return this.handOverLeftBehind(tenantId, campaign, customer, existing.planned, context);
    }
    const base = {
      campaignId: campaign.id,
      customerId: customer.id,
      decidedAt: now.toISOString(),
      unsubscribedAt: null,
    };
    const addressing = await this.addressing(campaign, customer, await this.contactsOf(tenantId, customer));
    const { passedOver } = addressing;
    const skip = customerSkipReason({
      addressing,
      customer,
      channel: campaign.channel,
      requireConsent: campaign.requireConsent,
    });
    if (skip) {
      await repository.decide({ ...base, status: 'skipped', reason: skip, to: null, passedOver });
      return 'decided';
    }
    if (
      inHoldout({ campaignId: campaign.id, customerId: customer.id, holdoutPercent: campaign.holdoutPercent })
    ) {
      await repository.decide({ ...base, status: 'holdout', reason: null, to: null, passedOver });
      return 'decided';
    }
    // The rate counts messages: a customer reached at several addresses takes a slot for each (at
    // most the whole minute's, so a large company still goes out). Slots taken before the rate
    // ran out stay spent: the minute then sends fewer, never more.
    const slots = Math.min(addressing.send.length, ratePerMinute);
    for (let slot = 0; slot < slots; slot++) {
      if (!(await repository.takeSendSlot({ now, ratePerMinute }))) return 'throttled';
    }
    const claimed = await repository.decide({
      ...base,
      status: 'sending',
      reason: null,
      to: addressing.send[0]?.to ?? null,
      passedOver,
      planned: addressing.send.map(({ contactId, to }) => ({ contactId, to })),
      handingAt: null,
    });
    if (!claimed) return 'passed';
    return this.handOver(tenantId, campaign, customer, addressing.send, context);
  }

  /**
   * A claim whose worker died (or failed) before handing its message over: its addresses are mailed
   * now, those of them that may still be written to (someone may have unsubscribed since); their
   * rate slots were taken with the claim. None left: the customer is settled skipped.
   */
  private async handOverLeftBehind(
    tenantId: string,
    campaign: Campaign,
    customer: Customer,
    planned: CampaignAddressing['send'],
    context: { tenantName: string; currency: string },
  ): Promise<'decided' | 'passed'> {
    const addressing = await this.addressing(campaign, customer, await this.contactsOf(tenantId, customer));
    const still = planned.filter((address) =>
      addressing.send.some((current) => current.to === address.to && current.contactId === address.contactId),
    );
    if (still.length > 0) return this.handOver(tenantId, campaign, customer, still, context);
    await this.campaigns(tenantId).settle({
      campaignId: campaign.id,
      customerId: customer.id,
      status: 'skipped',
      reason:
        customerSkipReason({
          addressing: { send: [], passedOver: addressing.passedOver },
          customer,
          channel: campaign.channel,
          requireConsent: campaign.requireConsent,
        }) ?? (campaign.channel === 'email' ? 'no_email' : 'no_phone'),
      passedOver: addressing.passedOver,
    });
    return 'decided';
  }

  /**
   * Hands a claimed customer's messages to the outbox and settles it. Exactly one worker does:
   * `beginHanding` is a conditional write, taken after the links are written (what may fail on
   * the way) and just before the first message goes out. A worker that dies before it leaves the
   * claim to a resumed send; one that dies after it leaves the customer `sending` for good, so the
   * worst case is a message never sent, never one sent twice.
   */
  private async handOver(
    tenantId: string,
    campaign: Campaign,
    customer: Customer,
    addresses: CampaignAddressing['send'],
    context: { tenantName: string; currency: string },
  ): Promise<'decided' | 'passed'> {
    const repository = this.campaigns(tenantId);
    const now = this.deps.clock();
    const linked: { address: CampaignAddressing['send'][number]; token: string }[] = [];
    for (const address of addresses) {
      const token = newSecret();
      await this.links.create({
        tokenHash: hashSecret(token),
        link: {
          tenantId,
          customerId: customer.id,
          campaignId: campaign.id,
          validUntil: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY_MS).toISOString(),
          channel: campaign.channel,
          to: address.to,
          ...(address.contactId ? { contactId: address.contactId } : {}),
        },
      });
      linked.push({ address, token });
    }
    const taken = await repository.beginHanding({
      campaignId: campaign.id,
      customerId: customer.id,
      at: now.toISOString(),
    });
    // Another worker took it over (this one was slower than the claim's lease): it sends.
    if (!taken) return 'passed';
    const deliveries: CampaignDelivery[] = [];
    for (const { address, token } of linked) {
      let status: CampaignDelivery['status'] = 'sent';
      let messageId: string | undefined;
      try {
        const receipt = await this.deps.mailer.send(
          campaignMessage({
            ...campaign,
            customer,
            ...context,
            to: address.to,
            tenantId,
            unsubscribeLink: publicLink(this.deps.publicUrl, `u/${token}`),
          }),
        );
        messageId = receipt?.messageId;
      } catch (error) {
        // The outbox refused it (a provider error, an address it will not take): a bounce.
        console.warn('campaign message not accepted', (error as Error).message);
        status = 'bounced';
      }
      if (messageId && campaign.channel === 'sms') {
        // SNS's delivery status names only the message id: this says whose SMS it was. Written
        // before the delivery is settled, so a report cannot arrive for a message nobody can find.
        await this.smsMessages.record({
          messageId,
          tenantId,
          campaignId: campaign.id,
          customerId: customer.id,
          to: address.to,
          sentAt: now.toISOString(),
        });
      }
      deliveries.push({
        contactId: address.contactId,
        to: address.to,
        status,
        ...(messageId && campaign.channel === 'sms' ? { messageId } : {}),
      });
    }
    await repository.settle({
      campaignId: campaign.id,
      customerId: customer.id,
      // Reached when any of its addresses took the message.
      status: deliveries.some((delivery) => delivery.status === 'sent') ? 'sent' : 'bounced',
      deliveries,
    });
    return 'decided';
  }

  /**
   * Results: sent, skipped by reason, bounced, unsubscribed, held out; and conversions — customers
   * who recorded an order within `conversionDays` of the send (of being set aside, for the hold-out
   * group) — with the uplift of the contacted group's rate over the hold-out group's.
   */
  async results({
    tenantId,
    campaignId,
  }: {
    tenantId: string;
    campaignId: string;
  }): Promise<CampaignResults> {
    const campaign = await this.get({ tenantId, campaignId });
    const repository = this.campaigns(tenantId);
    const { items, capped: recipientsCapped } = await repository.recipients(campaignId);
    const now = this.deps.clock();
    const skippedByReason = Object.fromEntries(recipientSkipReasons.map((reason) => [reason, 0])) as Record<
      RecipientSkipReason,
      number
    >;
    for (const recipient of items) {
      if (recipient.status === 'skipped' && recipient.reason) skippedByReason[recipient.reason] += 1;
    }
    const of = (status: CampaignRecipient['status']) =>
      items.filter((recipient) => recipient.status === status);
    const contacted = of('sent');
    const holdout = of('holdout');
    const interactions = new InteractionRepository(this.deps.tenantClient(tenantId), tenantId);
    const converted = async (group: CampaignRecipient[]) => {
      const looked = group.slice(0, CONVERSION_LOOKUP_CAP);
      const bought = await pMap(
        looked,
        (recipient) =>
          interactions.orderedBetween({
            customerId: recipient.customerId,
            from: recipient.decidedAt,
            to: new Date(
              new Date(recipient.decidedAt).getTime() + campaign.conversionDays * DAY_MS,
            ).toISOString(),
          }),
        { concurrency: 8 },
      );
      return groupConversion(looked.length, bought.filter(Boolean).length);
    };
    const [contactedGroup, holdoutGroup] = await Promise.all([converted(contacted), converted(holdout)]);
    const messages = {
      sent: 0,
      bounced: 0,
      unsubscribed: 0,
      skipped: 0,
      skippedByReason: Object.fromEntries(addressSkipReasons.map((reason) => [reason, 0])) as Record<
        AddressSkipReason,
        number
      >,
    };
    for (const recipient of items) {
      // A recipient decided before sends went per contact went to its one `to`.
      const deliveries =
        recipient.deliveries ??
        (recipient.to && (recipient.status === 'sent' || recipient.status === 'bounced')
          ? [{ status: recipient.status }]
          : []);
      for (const delivery of deliveries) messages[delivery.status] += 1;
      // Each address that used its own link; an unsubscribe through a link that named no address
      // (made before sends went per contact) counts as one.
      const byAddress = (recipient.deliveries ?? []).filter((delivery) => delivery.unsubscribedAt).length;
      messages.unsubscribed += byAddress > 0 ? byAddress : recipient.unsubscribedAt !== null ? 1 : 0;
      for (const address of recipient.passedOver ?? []) {
        messages.skipped += 1;
        messages.skippedByReason[address.reason] += 1;
      }
    }
    const latest =
      items
        .map((recipient) => recipient.decidedAt)
        .sort()
        .at(-1) ?? '';
    return {
      campaignId,
      status: campaign.status,
      sent: contacted.length,
      skipped: of('skipped').length,
      skippedByReason,
      bounced: of('bounced').length,
      unsubscribed: items.filter((recipient) => recipient.unsubscribedAt !== null).length,
      holdout: holdout.length,
      messages,
      conversionDays: campaign.conversionDays,
      contacted: contactedGroup,
      holdoutGroup,
      uplift: upliftOf(contactedGroup, holdoutGroup),
      windowOpen:
        latest !== '' && new Date(latest).getTime() + campaign.conversionDays * DAY_MS > now.getTime(),
      capped:
        recipientsCapped ||
        contacted.length > CONVERSION_LOOKUP_CAP ||
        holdout.length > CONVERSION_LOOKUP_CAP,
    };
  }

  private async claimPage(origin: CampaignRequestOrigin): Promise<void> {
    if (!origin.clientAddress) return;
    const decision = await this.throttles.claim({
      key: platformKeys.unsubscribeThrottle(origin.clientAddress),
      ...UNSUBSCRIBE_PAGE_THROTTLE,
      now: this.deps.clock(),
    });
    if (!decision.allowed) {
      throw new DomainError('rate_limited', 'Too many requests from this address; try again later', {
        details: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }
  }

  private async openLink(token: string) {
    const link = await this.links.find(hashSecret(token));
    if (!link || link.validUntil <= this.deps.clock().toISOString()) throw linkNotFound();
    const customer = await new CustomerRepository(this.deps.tenantClient(link.tenantId), link.tenantId).get({
      customerId: link.customerId,
    });
    if (!customer) throw linkNotFound();
    return { link, customer };
  }

  /**
   * The contact a link was sent to, when it still has that address for the channel; undefined
   * when the link went to the customer's own address. A contact since deleted, or whose address
   * changed, is null: that address is no longer in the book, so nothing is left to unsubscribe.
   */
  private async linkContact(link: UnsubscribeLink): Promise<Contact | null | undefined> {
    if (!link.contactId) return undefined;
    const contact = await new ContactRepository(this.deps.tenantClient(link.tenantId), link.tenantId).get({
      customerId: link.customerId,
      contactId: link.contactId,
    });
    const field = link.channel === 'sms' ? 'phone' : 'email';
    return contact && contact[field] === link.to ? contact : null;
  }

  /** What the public page shows: whose messages, and whether that address already unsubscribed. */
  async publicUnsubscribe(token: string, origin: CampaignRequestOrigin): Promise<PublicUnsubscribe> {
    await this.claimPage(origin);
    const { link, customer } = await this.openLink(token);
    const { tenantName } = await this.tenantContext(link.tenantId);
    const contact = await this.linkContact(link);
    const unsubscribed =
      contact === undefined
        ? customer.marketingConsent === false
        : contact === null || contact[link.channel === 'sms' ? 'smsConsent' : 'emailConsent'] === false;
    return { tenantName, unsubscribed };
  }

  /**
   * Unsubscribes exactly the address the message went to: a contact's consent for the channel
   * (false, with the time; a versioned edit, so `contact.updated` shows it), or, for the customer's
   * own address, the customer's consent (a versioned edit: its history shows it); and marks the
   * campaign's recipient item. Idempotent: a second click changes nothing.
   */
  async unsubscribe(token: string, origin: CampaignRequestOrigin): Promise<PublicUnsubscribe> {
    await this.claimPage(origin);
    const { link } = await this.openLink(token);
    const at = this.deps.clock().toISOString();
    if (link.contactId) await this.unsubscribeContact(link, at);
    else await this.unsubscribeCustomer(link, at);
    const campaigns = this.campaigns(link.tenantId);
    await campaigns.markUnsubscribed({ campaignId: link.campaignId, customerId: link.customerId, at });
    // Links made before sends went per contact name no address: counted for the customer only.
    if (link.to) {
      await campaigns.markAddressUnsubscribed({
        campaignId: link.campaignId,
        customerId: link.customerId,
        to: link.to,
        contactId: link.contactId ?? null,
        at,
      });
    }
    const { tenantName } = await this.tenantContext(link.tenantId);
    return { tenantName, unsubscribed: true };
  }

  private async unsubscribeContact(link: UnsubscribeLink, at: string): Promise<void> {
    const contacts = new ContactRepository(this.deps.tenantClient(link.tenantId), link.tenantId);
    const [consent, unsubscribedAt] =
      link.channel === 'sms'
        ? (['smsConsent', 'smsUnsubscribedAt'] as const)
        : (['emailConsent', 'emailUnsubscribedAt'] as const);
    for (let attempt = 0; ; attempt++) {
      const current = await this.linkContact(link);
      if (!current || current[consent] === false) return;
      try {
        await contacts.update({
          customerId: link.customerId,
          contactId: current.id,
          expectedVersion: current.version,
          changes: { [consent]: false, [unsubscribedAt]: at },
          now: at,
        });
        return;
      } catch (error) {
        // Edited meanwhile: read it again and apply the unsubscribe on top.
        if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= 4) throw error;
      }
    }
  }

  private async unsubscribeCustomer(link: UnsubscribeLink, at: string): Promise<void> {
    const customers = new CustomerRepository(this.deps.tenantClient(link.tenantId), link.tenantId);
    for (let attempt = 0; ; attempt++) {
      const current = await customers.get({ customerId: link.customerId });
      if (!current) throw linkNotFound();
      if (current.marketingConsent === false) return;
      const next: Customer = {
        ...current,
        marketingConsent: false,
        unsubscribedAt: at,
        updatedAt: at,
        version: current.version + 1,
      };
      try {
        await customers.replace({
          current,
          next,
          expectedVersion: current.version,
          uniqueValuesAdded: [],
          uniqueValuesRemoved: [],
        });
        return;
      } catch (error) {
        // Edited meanwhile: read it again and apply the unsubscribe on top.
        if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= 4) throw error;
      }
    }
  }
}
