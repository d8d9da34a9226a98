export type { CampaignCaller, CampaignRequestOrigin } from './campaign.service.js';
export {
  ATTENDED_SEND_GRACE_MS,
  CAMPAIGN_CLAIM_LEASE_MS,
  CampaignService,
  UNSUBSCRIBE_PAGE_THROTTLE,
} from './campaign.service.js';
export { listSendsBegunBeforeTheDueList } from './campaign-sends-catch-up.js';
export type { CampaignResumeOutcome } from './campaigns.jobs.js';
export { RESUME_CAMPAIGNS_PER_PASS, RESUME_LEASE_MS, resumeCampaignSends } from './campaigns.jobs.js';
export type { SmsDeliveryResult } from './sms-delivery.service.js';
export { SmsDeliveryService } from './sms-delivery.service.js';
