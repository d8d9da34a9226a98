import { z } from 'zod';
import { idSchema } from '../ids.js';

export const campaignChannels = ['email', 'sms'] as const;
export const CampaignChannelSchema = z.enum(campaignChannels).meta({
  id: 'CampaignChannel',
  description: 'email 电子邮件 · sms 短信',
});
export type CampaignChannel = z.infer<typeof CampaignChannelSchema>;

/** draft (editable) → sending (the send job is working through the segment) → sent. */
export const campaignStatuses = ['draft', 'sending', 'sent'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

const template = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** A message in both languages; `{{placeholder}}`s are filled per customer (campaign-template.ts). */
export const CampaignTextSchema = (max: number) => z.strictObject({ zh: template(max), en: template(max) });

const editable = {
  name: z.string().trim().min(1, 'is required').max(200),
  channel: CampaignChannelSchema,
  segmentId: idSchema('a segment id'),
  /** The e-mail's subject; an SMS has none. */
  subject: CampaignTextSchema(200).optional(),
  body: CampaignTextSchema(5000),
  /** Which language the messages go out in. */
  locale: z.enum(['zh', 'en']),
  /** Share of the segment kept back, at random but the same on every run, to measure uplift. */
  holdoutPercent: z.number().int().min(0).max(50),
  /** A purchase within this many days of the send counts as a conversion. */
  conversionDays: z.number().int().min(1).max(365),
  /** Send only to customers who gave consent (marketingConsent true); else all but refusals. */
  requireConsent: z.boolean(),
};

function subjectForEmail(
  campaign: { channel?: CampaignChannel | undefined; subject?: unknown },
  ctx: z.RefinementCtx,
) {
  if (campaign.channel === 'email' && campaign.subject === undefined) {
    ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an e-mail needs a subject' });
  }
}

export const CampaignInputSchema = z
  .strictObject({
    ...editable,
    locale: editable.locale.default('zh'),
    holdoutPercent: editable.holdoutPercent.default(0),
    conversionDays: editable.conversionDays.default(30),
    requireConsent: editable.requireConsent.default(false),
  })
  .superRefine(subjectForEmail)
  .meta({ id: 'CampaignInput' });
export type CampaignInput = z.input<typeof CampaignInputSchema>;

export const CampaignPatchSchema = z
  .strictObject({
    name: editable.name.optional(),
    channel: editable.channel.optional(),
    segmentId: editable.segmentId.optional(),
    subject: CampaignTextSchema(200).nullable().optional(),
    body: editable.body.optional(),
    locale: editable.locale.optional(),
    holdoutPercent: editable.holdoutPercent.optional(),
    conversionDays: editable.conversionDays.optional(),
    requireConsent: editable.requireConsent.optional(),
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'CampaignPatch' });
export type CampaignPatch = z.infer<typeof CampaignPatchSchema>;

export const CampaignProgressSchema = z
  .object({
    /** Customers the send has decided about so far (sent, skipped, bounced or held out). */
    processed: z.number().int(),
    sent: z.number().int(),
    skipped: z.number().int(),
    bounced: z.number().int(),
    holdout: z.number().int(),
  })
  .meta({ id: 'CampaignProgress' });
export type CampaignProgress = z.infer<typeof CampaignProgressSchema>;

/** A campaign (批量沟通): one message to one segment by e-mail or SMS. */
export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: CampaignChannelSchema,
    segmentId: z.string(),
    subject: z.object({ zh: z.string(), en: z.string() }).optional(),
    body: z.object({ zh: z.string(), en: z.string() }),
    locale: z.enum(['zh', 'en']),
    holdoutPercent: z.number().int(),
    conversionDays: z.number().int(),
    requireConsent: z.boolean(),
    status: z.enum(campaignStatuses),
    progress: CampaignProgressSchema,
    /** When the send started and when it went through the whole segment. */
    sendStartedAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    sentBy: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Campaign' });
export type Campaign = z.infer<typeof CampaignSchema>;

export const recipientSkipReasons = [
  'unsubscribed',
  'no_consent',
  'no_email',
  'no_phone',
  'suppressed',
] as const;
export type RecipientSkipReason = (typeof recipientSkipReasons)[number];

export const addressSkipReasons = ['unsubscribed', 'no_consent', 'suppressed'] as const;

export const CampaignDeliverySchema = z
  .object({
    contactId: z.string().nullable(),
    to: z.string(),
    /** sent: the outbox (SES, SNS) took it; bounced: it refused it, or SNS reported the SMS undelivered. */
    status: z.enum(['sent', 'bounced']),
    /** The provider's id of the message (SNS's MessageId of an SMS): its delivery status names it. */
    messageId: z.string().optional(),
    /** Why a message the outbox took was not delivered (SNS's provider response), when it reported so. */
    failure: z.string().optional(),
    /** When this address unsubscribed through the campaign's link (its own link: exactly this address). */
    unsubscribedAt: z.string().optional(),
  })
  .meta({ id: 'CampaignDelivery' });
export type CampaignDelivery = z.infer<typeof CampaignDeliverySchema>;

export const CampaignPassedOverSchema = z
  .object({ contactId: z.string().nullable(), to: z.string(), reason: z.enum(addressSkipReasons) })
  .meta({ id: 'CampaignPassedOver' });

/** What the send decided for one customer: written once (a conditional put), so never twice. */
export const CampaignRecipientSchema = z
  .object({
    campaignId: z.string(),
    customerId: z.string(),
    /**
     * sending: claimed, its message not yet settled. With `handingAt` null nothing was handed to
     * the outbox yet (a resumed send mails it); with `handingAt` set a worker began handing it
     * over (a crash leaves it so: at most once).
     */
    status: z.enum(['holdout', 'skipped', 'sending', 'sent', 'bounced']),
    reason: z.enum(recipientSkipReasons).nullable(),
    /** The address or phone number the message went to (the first, when it went to several). */
    to: z.string().nullable(),
    decidedAt: z.string(),
    /** When someone at the customer first unsubscribed through this campaign's link. */
    unsubscribedAt: z.string().nullable(),
    /**
     * Each address the message went to (a contact's, or the customer's own: contactId null) and
     * whether the outbox took it. Absent on recipients decided before sends went per contact.
     */
    deliveries: z.array(CampaignDeliverySchema).optional(),
    /** The customer's addresses left out, with why (a contact who unsubscribed, gave no consent …). */
    passedOver: z.array(CampaignPassedOverSchema).optional(),
    /**
     * The claim: the addresses the message is to go to (their rate slots taken). Absent on
     * recipients claimed before a claim recorded them (those are never mailed again).
     */
    planned: z.array(z.object({ contactId: z.string().nullable(), to: z.string() })).optional(),
    /**
     * When a worker took the claim to hand its messages to the outbox (a conditional write: one
     * worker only); null while nobody has.
     */
    handingAt: z.string().nullable().optional(),
  })
  .meta({ id: 'CampaignRecipient' });
export type CampaignRecipient = z.infer<typeof CampaignRecipientSchema>;

/** Sending: whether the job went through the whole segment, and if not when to call again. */
export const CampaignSendResultSchema = z
  .object({
    campaign: CampaignSchema,
    done: z.boolean(),
    /** Set when the tenant's send rate stopped this run: send again after this many seconds. */
    retryAfterSeconds: z.number().int().nullable(),
  })
  .meta({ id: 'CampaignSendResult' });
export type CampaignSendResult = z.infer<typeof CampaignSendResultSchema>;

/** How fast a tenant's campaigns may go out, all campaigns together. */
export const CampaignSettingsSchema = z
  .strictObject({ sendRatePerMinute: z.number().int().min(1).max(10_000) })
  .meta({ id: 'CampaignSettings' });
export type CampaignSettings = z.infer<typeof CampaignSettingsSchema>;
export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = { sendRatePerMinute: 120 };

export const CampaignGroupResultSchema = z.object({
  customers: z.number().int(),
  converted: z.number().int(),
  /** converted ÷ customers, 0–1; null for an empty group. */
  rate: z.number().nullable(),
});

export const CampaignResultsSchema = z
  .object({
    campaignId: z.string(),
    status: z.enum(campaignStatuses),
    sent: z.number().int(),
    skipped: z.number().int(),
    skippedByReason: z.record(z.enum(recipientSkipReasons), z.number().int()),
    bounced: z.number().int(),
    unsubscribed: z.number().int(),
    holdout: z.number().int(),
    /**
     * Per address rather than per customer (a company's contacts each get their own message):
     * messages the outbox took, refused, and addresses left out by reason.
     */
    messages: z.object({
      sent: z.number().int(),
      bounced: z.number().int(),
      /** Addresses that unsubscribed through this campaign's links (a link unsubscribes exactly its address). */
      unsubscribed: z.number().int(),
      skipped: z.number().int(),
      skippedByReason: z.record(z.enum(addressSkipReasons), z.number().int()),
    }),
    conversionDays: z.number().int(),
    /** Customers sent the message who bought within `conversionDays` of it. */
    contacted: CampaignGroupResultSchema,
    /** The hold-out group, measured from the day it was set aside. */
    holdoutGroup: CampaignGroupResultSchema,
    /** contacted.rate − holdoutGroup.rate (percentage points ÷ 100); null without both rates. */
    uplift: z.number().nullable(),
    /** The conversion window of the latest send has not closed yet: figures may still grow. */
    windowOpen: z.boolean(),
    /** Conversions were checked for at most a fixed number of customers per group. */
    capped: z.boolean(),
  })
  .meta({ id: 'CampaignResults' });
export type CampaignResults = z.infer<typeof CampaignResultsSchema>;

/** What the public unsubscribe page shows: whose messages, and whether it is done already. */
export const PublicUnsubscribeSchema = z
  .object({ tenantName: z.string(), unsubscribed: z.boolean() })
  .meta({ id: 'PublicUnsubscribe' });
export type PublicUnsubscribe = z.infer<typeof PublicUnsubscribeSchema>;

/** For the composer's preview: the message one customer would get. */
export const CampaignPreviewInputSchema = z
  .strictObject({
    customerId: idSchema('a customer id'),
    channel: CampaignChannelSchema.default('email'),
    subject: CampaignTextSchema(200).optional(),
    body: CampaignTextSchema(5000),
    locale: z.enum(['zh', 'en']).default('zh'),
    /** As the campaign's `requireConsent`: addresses without a yes are then passed over. */
    requireConsent: z.boolean().default(false),
  })
  .meta({ id: 'CampaignPreviewInput' });
export type CampaignPreviewInput = z.input<typeof CampaignPreviewInputSchema>;

/** One address of the previewed customer: whether the message would go there, and if not why. */
export const CampaignPreviewAddressSchema = z
  .object({
    /** The contact it belongs to; null for the customer's own address. */
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    to: z.string(),
    sent: z.boolean(),
    reason: z.enum(addressSkipReasons).nullable(),
  })
  .meta({ id: 'CampaignPreviewAddress' });
export type CampaignPreviewAddress = z.infer<typeof CampaignPreviewAddressSchema>;

export const CampaignPreviewSchema = z
  .object({
    /** The first address the message would go to (the primary contact's when it is reached); null: none. */
    to: z.string().nullable(),
    /** Every address the send would reach, then those it would pass over with the reason: the send's own rule. */
    addresses: z.array(CampaignPreviewAddressSchema),
    subject: z.string().nullable(),
    text: z.string(),
  })
  .meta({ id: 'CampaignPreview' });
export type CampaignPreview = z.infer<typeof CampaignPreviewSchema>;
