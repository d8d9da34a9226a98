import { Logger } from '@aws-lambda-powertools/logger';
import { createServices, inMemorySigningKey } from '@crm/app';
import { resumeCampaignSends } from '@crm/app/campaigns';
import { resumeSurveySends } from '@crm/app/surveys';
import { createTableClient, createTenantScopedClientFactory } from '@crm/dynamodb';
import { sesMailer } from '../mail/ses-mailer.js';
import { channelMailer, snsSmsSender } from '../mail/sns-sms.js';
import { tracedTable } from '../tracing.js';

const logger = new Logger({ serviceName: 'crm-campaigns' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const roleArn = process.env.TENANT_ROLE_ARN;
if (!roleArn) throw new Error('TENANT_ROLE_ARN is not set');
// The SPA's address: the base of every unsubscribe link (without it each message counts bounced).
const publicUrl = process.env.PUBLIC_URL;
const mailFrom = process.env.MAIL_FROM;
const mailConfigurationSet = process.env.MAIL_CONFIGURATION_SET;
// Campaign SMS through SNS (context `campaignSms`); without it they count bounced.
const smsEnabled = process.env.SMS_ENABLED === 'true';

// Platform items only with the function's own rights (the due list, unsubscribe links, the
// suppression list: IAM binds them to those keys); each tenant's data through its session.
const table = tracedTable(createTableClient({ tableName }));
const clock = () => new Date();
const { campaigns, surveys } = createServices({
  table,
  tenantClient: createTenantScopedClientFactory({ tableName, roleArn, instrument: tracedTable }),
  // The job signs no token; the services' constructor wants a key all the same.
  signingKey: inMemorySigningKey(),
  clock,
  ...(publicUrl ? { publicUrl } : {}),
  ...(mailFrom
    ? {
        mailer: channelMailer({
          email: sesMailer({
            from: mailFrom,
            ...(mailConfigurationSet ? { configurationSet: mailConfigurationSet } : {}),
            table,
          }),
          sms: smsEnabled ? snsSmsSender() : undefined,
        }),
      }
    : {}),
});

/** How often EventBridge Scheduler invokes this (infra/lib/constructs/campaign-sends.ts). */
export const CAMPAIGN_SENDS_SCHEDULE_MINUTES = 1;

/**
 * Lambda entry of the scheduled campaign resume, every minute: carries on the sends nobody is
 * driving (docs/campaigns.md, "Sending"), each within its tenant's send rate, then the survey
 * send runs to segments (docs/campaigns.md, "Surveys to a segment"). Idempotent per recipient,
 * so a retried or overlapping invocation sends nobody twice.
 */
export const handler = async (): Promise<Record<string, unknown>> => {
  const outcome = await resumeCampaignSends({ table, campaigns, clock, concurrency: 4 });
  logger.info('campaign sends resumed', { ...outcome });
  const surveyRuns = await resumeSurveySends({ table, surveys, clock, concurrency: 2 });
  logger.info('survey send runs resumed', { ...surveyRuns });
  return { ...outcome, surveyRuns };
};
