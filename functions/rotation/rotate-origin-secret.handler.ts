import { Logger } from '@aws-lambda-powertools/logger';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { traced } from '../tracing.js';
import { OriginRotationEventSchema, rotateOriginSecret } from './rotate-origin-secret.js';

const logger = new Logger({ serviceName: 'crm-origin-rotation' });
const distributionId = process.env.DISTRIBUTION_ID;
if (!distributionId) throw new Error('DISTRIBUTION_ID is not set');
const header = process.env.ORIGIN_VERIFY_HEADER;
if (!header) throw new Error('ORIGIN_VERIFY_HEADER is not set');

const secrets = traced(new SecretsManagerClient({}));
// CloudFront's API lives in us-east-1 whatever the stack's region.
const cloudFront = traced(new CloudFrontClient({ region: 'us-east-1' }));

/** Lambda entry: Secrets Manager's rotation schedule on the origin-verify secret (web stack). */
export const handler = async (event: unknown) =>
  rotateOriginSecret(OriginRotationEventSchema.parse(event), {
    secrets,
    cloudFront,
    distributionId,
    header,
    log: (message, details) => logger.info(message, details ?? {}),
  });
