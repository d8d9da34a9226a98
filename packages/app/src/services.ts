import { sharedClientFactory, type TableClient, type TenantClientFactory } from '@crm/dynamodb';
import { AlertService } from './alerts/alerts.service.js';
import { syncCreditAlert } from './alerts/credit-alerts.js';
import { AnalyticsService, type RefitDispatch } from './analytics/analytics.service.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { AuthService } from './auth/auth.service.js';
import { boundedPasswordHasher, type HashingBounds } from './auth/bounded-password-hasher.js';
import { LivePrincipals } from './auth/live-principals.js';
import { createScryptHasher, type PasswordHasher } from './auth/password-hasher.js';
import type { SigningKeyProvider } from './auth/signing-key.js';
import { VerifiedAccessTokens } from './auth/verified-access-tokens.js';
import { CampaignService } from './campaigns/campaign.service.js';
import { SmsDeliveryService } from './campaigns/sms-delivery.service.js';
import { ChurnService } from './churn/churn.service.js';
import { ComplaintService } from './complaints/complaint.service.js';
import { ContactService } from './contacts/contact.service.js';
import { CreditService } from './credit/credit.service.js';
import { CustomFieldService } from './custom-fields/custom-field.service.js';
import { CustomFieldDefinitions } from './custom-fields/custom-field-definitions.js';
import { CustomerService } from './customers/customer.service.js';
import { HealthService } from './health/health.service.js';
import { ImportService } from './imports/import.service.js';
import type { ImportQueue } from './imports/import-queue.js';
import { InteractionService } from './interactions/interaction.service.js';
import { KpiService } from './kpis/kpi.service.js';
import type { Mailer } from './mail/mailer.js';
import { outboxMailer } from './mail/outbox-mailer.js';
import type { PublicUrl } from './mail/public-links.js';
import { MemberService } from './members/member.service.js';
import { RateLimitService } from './rate-limits/rate-limit.service.js';
import type { RateLimits } from './rate-limits/rate-limits.js';
import { LeadService } from './sales/lead.service.js';
import { OpportunityService } from './sales/opportunity.service.js';
import { QuoteService } from './sales/quote.service.js';
import { SalesSetupService } from './sales/sales-setup.service.js';
import { SegmentService } from './segments/segment.service.js';
import { ServicePlanService } from './service/service-plan.service.js';
import { ServiceRequestService } from './service/service-request.service.js';
import type { PartnerAccess } from './shares/partner-access.js';
import type { PartnerOrganisationService } from './shares/partner-organisation.service.js';
import type { PartnerPortalService } from './shares/partner-portal.service.js';
import { createPartnerServices } from './shares/partner-services.js';
import { ShareService } from './shares/share.service.js';
import { SurveyService } from './surveys/survey.service.js';
import { TaskService } from './tasks/tasks.service.js';
import { TenantService } from './tenant/tenant.service.js';
import { TenantSettingsCache } from './tenant/tenant-settings-cache.js';
import { DeletedTenants } from './tenant-data/deleted-tenants.js';
import { type ExportArchives, inMemoryExportArchives } from './tenant-data/export-archives.js';
import type { TenantDataDispatch, TenantDataJob } from './tenant-data/tenant-data-jobs.js';
import { InProcessTenantDataJobs } from './tenant-data/tenant-data-runner.js';
import { TenantDeletionService } from './tenant-data/tenant-deletion.service.js';
import { TenantExportService } from './tenant-data/tenant-export.service.js';
import { UserService } from './users/user.service.js';
import { WebhookService } from './webhooks/webhook.service.js';
import { dueTenantsScheduler, type WebhookScheduler } from './webhooks/webhook-scheduler.js';
import type { HostResolver } from './webhooks/webhook-target.js';
import { WorkflowService } from './workflows/workflow.service.js';
import { WorkflowRunner } from './workflows/workflow-runner.js';

/** What the services need from their host (the Lambda adapters, the local runtime, tests). */
export type ServiceDeps = {
  /** Platform access: health, and the auth flow's identity items. */
  table: TableClient;
  /**
   * Tenant data access. In AWS: clients with tenant-scoped credentials (IAM LeadingKeys);
   * locally: the shared client (the repository guard enforces the tenant).
   * @default every tenant uses `table`
   */
  tenantClient?: TenantClientFactory;
  signingKey: SigningKeyProvider;
  /** @default scrypt with OWASP's cost */
  passwordHasher?: PasswordHasher;
  /** How many password hashes run at once and may wait (either hasher is bounded). */
  hashingBounds?: HashingBounds;
  /**
   * Where mails leave: Amazon SES in AWS (functions/mail/ses-mailer.ts).
   * @default the table's outbox (the local runtime's mailbox)
   */
  mailer?: Mailer;
  /**
   * The SPA's public base URL, the only base of links in mails (`PUBLIC_URL`); a function when
   * it is known only once the server listens (the local runtime). Without it no mail with a link
   * can be sent.
   */
  publicUrl?: PublicUrl;
  /** @default () => new Date() */
  clock?: () => Date;
  /**
   * Runs a refit outside the request (AWS: the refit Lambda, invoked asynchronously).
   * @default the refit runs in this process, which a long-lived server allows
   */
  refitDispatch?: RefitDispatch;
  /**
   * How long an on-demand refit run in this process is waited for before the request answers
   * `running` (202) and the refit goes on. Tests on a loaded machine give it longer.
   * @default DEFAULT_REFIT_WAIT_MS (8 s)
   */
  refitWaitMs?: number;
  /**
   * Runs non-dry-run imports outside the request (AWS: file to S3, the import Lambda invoked
   * asynchronously). @default imports run in the caller's process
   */
  importQueue?: ImportQueue;
  /**
   * Where webhooks may be sent. `allowLoopback` is set by the local runtime only (http and https to
   * this machine); never derived from a request. `resolve` replaces the system resolver (tests).
   * `scheduler` announces deliveries (AWS: the delivery queue). @default public https only, the
   * local due-tenant list
   */
  webhooks?: { allowLoopback?: boolean; resolve?: HostResolver; scheduler?: WebhookScheduler };
  /**
   * Where finished tenant exports wait for their one download (AWS: S3 with presigned URLs).
   * @default this process's memory
   */
  exportArchives?: ExportArchives;
  /**
   * Starts tenant export and deletion jobs outside the request (AWS: a worker invoked
   * asynchronously, which calls `services.tenantData.run`). @default they run in this process
   */
  tenantDataDispatch?: TenantDataDispatch;
  /**
   * When, after the request, the deletion job sweeps the tenant again (what a reaction past its
   * marker check wrote meanwhile). Tests shorten it. @default LATER_PASSES_AFTER_MS (10 s, 30 s)
   */
  tenantDeletionLaterPassesMs?: readonly number[];
  /** Request buckets per tenant and per API key (`rateLimitsFromEnv`). @default DEFAULT_RATE_LIMITS */
  rateLimits?: RateLimits;
  /** Books below this many customers read the KPI customer figures live. @default KPI_SNAPSHOT_MIN_CUSTOMERS */
  kpiSnapshotMinCustomers?: number;
  /**
   * How long one campaign send call works before it answers `done: false` (the next call, or the
   * scheduled resume, carries on). Tests shorten it to cut a send off. @default 20 s
   */
  campaignSendBudgetMs?: number;
  /** Members per page of a survey send run (tests make it small to walk many pages). @default 50 */
  surveySendPageSize?: number;
  /** How long one resume of a survey send run works. @default 20 s */
  surveySendBudgetMs?: number;
};

/** Services built once per host and shared by all its callers (routes, workers). */
export type Services = {
  auth: AuthService;
  apiKeys: ApiKeyService;
  users: UserService;
  tenant: TenantService;
  customers: CustomerService;
  customFields: CustomFieldService;
  contacts: ContactService;
  interactions: InteractionService;
  shares: ShareService;
  /** What a channel partner may see and do, through its shares. */
  partners: PartnerAccess;
  /** Partner organisations (dealers) and their users. */
  partnerOrganisations: PartnerOrganisationService;
  /** A partner user's landing view: customers, service requests, deals, sales figures. */
  partnerPortal: PartnerPortalService;
  imports: ImportService;
  analytics: AnalyticsService;
  /** Credit control: policy, credit files, limits, holds. */
  credit: CreditService;
  /** The alerts inbox (credit holds, churn risks). */
  alerts: AlertService;
  /** Churn states (活跃 / 风险 / 休眠 / 流失) and the tenant's churn policy. */
  churn: ChurnService;
  /** Complaint handling: the eight steps, departments, SLA policy, satisfaction. */
  complaints: ComplaintService;
  /** Service requests (客户服务): receive, plan, dispatch, visits, result, follow-up. */
  serviceRequests: ServiceRequestService;
  /** Proactive service plans per customer (the nightly run generates their requests). */
  servicePlans: ServicePlanService;
  /** Satisfaction and loyalty surveys (满意度, 忠诚度): templates, links, public answers, results. */
  surveys: SurveyService;
  /** Segments (客户细分): saved filters over the customer book, counted live. */
  segments: SegmentService;
  /** Campaigns (批量沟通): e-mail / SMS to a segment, consent, unsubscribe, throttling, results. */
  campaigns: CampaignService;
  /** Campaign SMS delivery status fed back: failures bounce, permanent ones suppress the number. */
  smsDelivery: SmsDeliveryService;
  /** Care reminders (关怀提醒) as tasks for the customers' owners, and the tenant's task policy. */
  tasks: TaskService;
  /** Webhook endpoints, their secrets and delivery logs. */
  webhooks: WebhookService;
  /** Workflows (工作流程配置): definitions, templates, dry runs, run history, manual runs. */
  workflows: WorkflowService;
  /** Sales: the tenant's pipelines and lead grading (销售漏斗设置). */
  salesSetup: SalesSetupService;
  /** Leads (销售线索), de-duplicated against the customer book and converted in one step. */
  leads: LeadService;
  /** Opportunities (销售机会), the funnel and the lost-deal report. */
  opportunities: OpportunityService;
  /** Quotes (报价) of open deals; accepting one records the order on the customer's timeline. */
  quotes: QuoteService;
  /** The member programme (会员): tier rules and upgrades. */
  members: MemberService;
  /** The CRM measured (评估): retention, acquisition, activity, satisfaction, resolution, funnel, campaigns, partners. */
  kpis: KpiService;
  /** Tenant data rights: the export (数据导出) and the deletion of the whole tenant. */
  tenantData: {
    exports: TenantExportService;
    deletion: TenantDeletionService;
    /** Runs one job (the worker's entry, and the in-process default's). */
    run: (job: TenantDataJob) => Promise<void>;
    /** Resolves when the jobs this process started have ended (in-process runs only). */
    settled: () => Promise<void>;
  };
  health: HealthService;
  /** Fair use: the per-tenant and per-API-key request buckets. */
  rateLimits: RateLimitService;
  /** Signs and verifies access tokens. */
  signingKey: SigningKeyProvider;
  /** Verifies access tokens, each once until it expires (the HTTP edge authenticates with it). */
  accessTokens: VerifiedAccessTokens;
  /** The caller's live role and status (the HTTP edge re-checks every user token with it). */
  principals: LivePrincipals;
  clock: () => Date;
};

/**
 * Builds every application service from its ports, once.
 *
 * @example
 * const services = createServices({ table, signingKey: inMemorySigningKey() });
 * await services.customers.get({ tenantId, customerId });
 */
export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? (() => new Date());
  const tenantClient = deps.tenantClient ?? sharedClientFactory(deps.table);
  const hasher = boundedPasswordHasher(deps.passwordHasher ?? createScryptHasher(), deps.hashingBounds);
  const mailer = deps.mailer ?? outboxMailer({ table: deps.table, clock });
  const deletedTenants = new DeletedTenants({ table: deps.table, clock });
  const principals = new LivePrincipals({ tenantClient, clock, deletedTenants });
  // Shared by the customer writes that validate against them and the service that changes them.
  const definitions = new CustomFieldDefinitions({ tenantClient, clock });
  const alerts = new AlertService({ tenantClient, clock });
  const webhookScheduler = deps.webhooks?.scheduler ?? dueTenantsScheduler(deps.table);
  const customers = new CustomerService({ tenantClient, clock, definitions });
  const salesSetup = new SalesSetupService({ tenantClient, clock });
  // Shared by the order path that reads the default currency and the service that changes it.
  const tenantSettings = new TenantSettingsCache({ tenantClient, clock });
  // Shared by the timeline routes and the quotes, whose acceptance records an order through it.
  const interactions = new InteractionService({ tenantClient, clock, tenantSettings });
  const auth = new AuthService({
    table: deps.table,
    hasher,
    signingKey: deps.signingKey,
    clock,
    mailer,
    publicUrl: deps.publicUrl,
  });
  const archives = deps.exportArchives ?? inMemoryExportArchives();
  // The jobs' dispatch is bound late: the in-process default runs them through these services.
  let dispatch: TenantDataDispatch = async () => {};
  const tenantExports = new TenantExportService({ tenantClient, clock, archives, dispatch: () => dispatch });
  const tenantDeletion = new TenantDeletionService({
    table: deps.table,
    tenantClient,
    clock,
    auth,
    deletedTenants,
    archives,
    ...(deps.importQueue ? { importUploads: deps.importQueue.uploads } : {}),
    ...(deps.tenantDeletionLaterPassesMs ? { laterPassesAfterMs: deps.tenantDeletionLaterPassesMs } : {}),
    dispatch: () => dispatch,
  });
  const runTenantDataJob = async (job: TenantDataJob) => {
    if (job.kind === 'export') await tenantExports.run(job);
    else await tenantDeletion.run(job);
  };
  const inProcess = new InProcessTenantDataJobs(runTenantDataJob);
  dispatch = deps.tenantDataDispatch ?? inProcess.dispatch;
  const segments = new SegmentService({
    tenantClient,
    clock,
    customers,
    ...(deps.kpiSnapshotMinCustomers !== undefined
      ? { snapshotMinCustomers: deps.kpiSnapshotMinCustomers }
      : {}),
  });
  const users = new UserService({
    table: deps.table,
    tenantClient,
    clock,
    mailer,
    publicUrl: deps.publicUrl,
    principals,
  });
  const partnerServices = createPartnerServices({ tenantClient, clock, customers, users, salesSetup });
  const churn = new ChurnService({ tenantClient, clock, alerts });
  const campaigns = new CampaignService({
    table: deps.table,
    tenantClient,
    clock,
    mailer,
    segments,
    publicUrl: deps.publicUrl,
    sendBudgetMs: deps.campaignSendBudgetMs,
  });
  return {
    auth,
    apiKeys: new ApiKeyService({ tenantClient, clock, principals }),
    users,
    tenant: new TenantService({ tenantClient, clock, settingsCache: tenantSettings }),
    customers,
    customFields: new CustomFieldService({ tenantClient, clock, definitions }),
    contacts: new ContactService({ tenantClient, clock }),
    interactions,
    shares: new ShareService({ tenantClient, clock }),
    partners: partnerServices.access,
    partnerOrganisations: partnerServices.organisations,
    partnerPortal: partnerServices.portal,
    imports: new ImportService({
      tenantClient,
      clock,
      ...(deps.importQueue ? { queue: deps.importQueue } : {}),
    }),
    analytics: new AnalyticsService({
      tenantClient,
      clock,
      ...(deps.refitDispatch ? { dispatch: deps.refitDispatch } : {}),
      ...(deps.refitWaitMs !== undefined ? { refitWaitMs: deps.refitWaitMs } : {}),
    }),
    credit: new CreditService({
      tenantClient,
      clock,
      afterEvaluation: (evaluated) => syncCreditAlert(alerts, evaluated),
    }),
    alerts,
    churn,
    complaints: new ComplaintService({ tenantClient, clock }),
    serviceRequests: new ServiceRequestService({ tenantClient, clock }),
    servicePlans: new ServicePlanService({ tenantClient, clock }),
    surveys: new SurveyService({
      table: deps.table,
      tenantClient,
      clock,
      mailer,
      publicUrl: deps.publicUrl,
      segments,
      sendPageSize: deps.surveySendPageSize,
      sendBudgetMs: deps.surveySendBudgetMs,
    }),
    segments,
    campaigns,
    smsDelivery: new SmsDeliveryService({ table: deps.table, tenantClient, clock }),
    tasks: new TaskService({ tenantClient, clock }),
    webhooks: new WebhookService({
      tenantClient,
      clock,
      policy: {
        allowLoopback: deps.webhooks?.allowLoopback ?? false,
        ...(deps.webhooks?.resolve ? { resolve: deps.webhooks.resolve } : {}),
      },
      scheduler: webhookScheduler,
    }),
    workflows: new WorkflowService({
      tenantClient,
      clock,
      runner: new WorkflowRunner({ tenantClient, table: deps.table, clock, mailer, webhookScheduler }),
    }),
    salesSetup,
    leads: new LeadService({ tenantClient, clock, customers, setup: salesSetup }),
    opportunities: new OpportunityService({ tenantClient, clock, setup: salesSetup }),
    quotes: new QuoteService({ tenantClient, clock, interactions }),
    members: new MemberService({ tenantClient, clock }),
    kpis: new KpiService({
      tenantClient,
      clock,
      churn,
      campaigns,
      ...(deps.kpiSnapshotMinCustomers !== undefined
        ? { snapshotMinCustomers: deps.kpiSnapshotMinCustomers }
        : {}),
    }),
    tenantData: {
      exports: tenantExports,
      deletion: tenantDeletion,
      run: runTenantDataJob,
      settled: () => inProcess.settled(),
    },
    health: new HealthService({ table: deps.table }),
    rateLimits: new RateLimitService({
      tenantClient,
      // Requests per second of real time: a host's clock may be pinned or moved (tests, demos),
      // which must neither stop the buckets refilling nor refill them at will.
      clock: () => new Date(),
      ...(deps.rateLimits ? { limits: deps.rateLimits } : {}),
    }),
    signingKey: deps.signingKey,
    accessTokens: new VerifiedAccessTokens(deps.signingKey),
    principals,
    clock,
  };
}
