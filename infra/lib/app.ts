import { App, type AppProps, type Environment, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageConfig, type StageConfig } from './config.js';
import { ApiStack, ORIGIN_VERIFY_HEADER } from './stacks/api-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { ScheduledStack } from './stacks/scheduled-stack.js';
import { StreamsStack } from './stacks/streams-stack.js';
import { WebStack } from './stacks/web-stack.js';

export type CrmApp = {
  readonly app: App;
  readonly config: StageConfig;
  readonly data: DataStack;
  readonly api: ApiStack;
  readonly streams: StreamsStack;
  readonly scheduled: ScheduledStack;
  readonly web: WebStack;
  /** The CloudFront web ACL, in us-east-1. */
  readonly edge: EdgeStack;
};

export type CreateCrmAppOptions = {
  /** Passed to `new App()`; tests give `context` (stage, bundling, webDistPath) here. */
  readonly appProps?: AppProps;
  /**
   * Register cdk-nag's AwsSolutions pack as a synthesis validation plugin.
   * @default true
   */
  readonly nag?: boolean;
  /**
   * The account, when known. The region comes from context `region` (the edge stack: us-east-1);
   * no lookups either way.
   * @default - account-agnostic
   */
  readonly account?: Environment['account'];
};

/**
 * The whole CDK app: data, scheduled, streams, API and web stacks for one stage in its region,
 * and the edge stack (the CloudFront web ACL) in us-east-1.
 *
 * The stateful table can be deployed and protected on its own; references flow one way
 * (data → api → web, data → streams → api, edge → web), which keeps CloudFormation exports acyclic.
 */
export function createCrmApp(options: CreateCrmAppOptions = {}): CrmApp {
  const app = new App(options.appProps);
  const config = readStageConfig(app);
  const prefix = `crm-${config.stage}`;
  const env: Environment = { account: options.account, region: config.region };

  const data = new DataStack(app, `${prefix}-data`, {
    config,
    env,
    description: `CRM ${config.stage}: DynamoDB table (stateful)`,
  });
  const streams = new StreamsStack(app, `${prefix}-streams`, {
    config,
    env,
    table: data.table,
    alarmTopic: data.alarmTopic,
    description: `CRM ${config.stage}: DynamoDB stream consumer and its DLQ, webhook delivery queue and worker`,
  });
  const scheduled = new ScheduledStack(app, `${prefix}-scheduled`, {
    config,
    env,
    table: data.table,
    alarmTopic: data.alarmTopic,
    webhookDelivery: streams.webhookDelivery,
    description: `CRM ${config.stage}: on-demand analytics refit, and the nightly jobs fanned out per tenant through SQS`,
  });
  const api = new ApiStack(app, `${prefix}-api`, {
    config,
    env,
    table: data.table,
    alarmTopic: data.alarmTopic,
    refitFunction: scheduled.refit,
    webhookDelivery: streams.webhookDelivery,
    description: `CRM ${config.stage}: HTTP API, API Lambda, tenant-scoped role, JWT key`,
  });
  const edge = new EdgeStack(app, `${prefix}-edge`, {
    config,
    env: { account: options.account, region: 'us-east-1' },
    crossRegionReferences: true,
    description: `CRM ${config.stage}: CloudFront WAF web ACL (us-east-1, as CloudFront requires)`,
  });
  const web = new WebStack(app, `${prefix}-web`, {
    config,
    env,
    crossRegionReferences: true,
    httpApi: api.httpApi,
    webAclArn: edge.webAcl.attrArn,
    originVerify: { header: ORIGIN_VERIFY_HEADER, secret: api.originSecret },
    alarmTopic: data.alarmTopic,
    description: `CRM ${config.stage}: SPA bucket and CloudFront distribution`,
  });

  Tags.of(app).add('app', 'crm');
  Tags.of(app).add('stage', config.stage);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, data, api, streams, scheduled, web, edge };
}
