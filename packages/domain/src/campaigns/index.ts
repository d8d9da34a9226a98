export type {
  Campaign,
  CampaignChannel,
  CampaignDelivery,
  CampaignInput,
  CampaignPatch,
  CampaignPreview,
  CampaignPreviewAddress,
  CampaignPreviewInput,
  CampaignProgress,
  CampaignRecipient,
  CampaignResults,
  CampaignSendResult,
  CampaignSettings,
  CampaignStatus,
  PublicUnsubscribe,
  RecipientSkipReason,
} from './campaign.schema.js';
export {
  addressSkipReasons,
  CampaignChannelSchema,
  CampaignDeliverySchema,
  CampaignInputSchema,
  CampaignPassedOverSchema,
  CampaignPatchSchema,
  CampaignPreviewAddressSchema,
  CampaignPreviewInputSchema,
  CampaignPreviewSchema,
  CampaignProgressSchema,
  CampaignRecipientSchema,
  CampaignResultsSchema,
  CampaignSchema,
  CampaignSendResultSchema,
  CampaignSettingsSchema,
  campaignChannels,
  campaignStatuses,
  DEFAULT_CAMPAIGN_SETTINGS,
  PublicUnsubscribeSchema,
  recipientSkipReasons,
} from './campaign.schema.js';
export type { AddressSkipReason, CampaignAddress, CampaignAddressing } from './campaign-addresses.js';
export { campaignAddresses, customerSkipReason } from './campaign-addresses.js';
export { holdoutDraw, inHoldout } from './campaign-holdout.js';
export type { CampaignPlaceholder } from './campaign-template.js';
export {
  campaignPlaceholders,
  placeholderValues,
  renderCampaignText,
  unknownPlaceholders,
} from './campaign-template.js';
export type { GroupConversion } from './campaign-uplift.js';
export { groupConversion, upliftOf } from './campaign-uplift.js';
export { phoneE164 } from './phone-e164.js';
export type { SmsDeliveryOutcome, SnsSmsDeliveryLog } from './sms-delivery-status.js';
export { parseSmsDeliveryLog, SnsSmsDeliveryLogSchema, smsDeliveryOutcome } from './sms-delivery-status.js';
