import {
  acquisitionOf,
  activityOf,
  type Campaign,
  type CampaignKpi,
  type ClosedDeal,
  type ComplaintTimes,
  campaignsKpiOf,
  complaintResolutionOf,
  funnelKpiOf,
  isClosedComplaintStep,
  type KpiBounds,
  type KpiPeriod,
  KpiQuerySchema,
  type Kpis,
  kpiBounds,
  kpiPeriod,
  type PartnerKpi,
  partnerOrderFigures,
  retentionOf,
  type ScoredAnswer,
  type SurveyTemplate,
  satisfactionOf,
} from '@crm/domain';
import {
  CampaignRepository,
  ComplaintRepository,
  InteractionRepository,
  LeadRepository,
  OpportunityRepository,
  PartnerOrganisationRepository,
  ShareRepository,
  SurveyRepository,
  type TenantClientFactory,
} from '@crm/dynamodb';
import pMap from 'p-map';
import type { CampaignService } from '../campaigns/campaign.service.js';
import type { ChurnService } from '../churn/churn.service.js';
import { parsedInput } from '../parsed-input.js';
import { CustomerFiguresSnapshots } from './customer-figures-snapshots.js';

/** Complaints read for resolution times: the newest before the period's end. */
const KPI_COMPLAINT_CAP = 20_000;
/** Campaigns whose results are read (each reads its recipients' orders in the conversion window). */
const KPI_CAMPAIGN_RESULTS = 10;
/** Shared customers whose orders are read per partner organisation: a dealer's book, not HQ's. */
const KPI_PARTNER_CUSTOMERS = 200;
const SURVEYS_PAGE = 100;

type TenantScope = { tenantId: string };

/**
 * The CRM measured (评估, DOMAIN.md §12): `GET /v1/kpis`. Every figure is read through an index
 * (the customer list partitions, time-ordered indexes of leads, deals, complaints and survey
 * answers), never a table scan, and computed by the pure functions in @crm/domain (kpis/).
 * Retention, acquisition and activity read what each customer item already holds (first and last
 * order instants, order count, P(alive)), not its orders, through the tenant's customer figures
 * snapshot (customer-figures-snapshots.ts): one pass over the customer list a day at most.
 */
export class KpiService {
  private readonly deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    churn: ChurnService;
    campaigns: CampaignService;
    snapshotChunkBytes?: number;
    snapshotMinCustomers?: number;
  };

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    churn: ChurnService;
    campaigns: CampaignService;
    /** The snapshot's chunk size; tests make it small to spread a tiny book over several items. */
    snapshotChunkBytes?: number;
    /** Books below this many customers are read live (KPI_SNAPSHOT_MIN_CUSTOMERS). */
    snapshotMinCustomers?: number;
  }) {
    this.deps = deps;
  }

  async kpis({ tenantId }: TenantScope, query: unknown): Promise<Kpis> {
    const now = this.deps.clock();
    const period = kpiPeriod(parsedInput(KpiQuerySchema, query), now);
    const bounds = kpiBounds(period);
    const [customers, policy, satisfaction, complaints, funnel, campaigns, partners] = await Promise.all([
      new CustomerFiguresSnapshots(this.deps).current({ tenantId }, now),
      this.deps.churn.policy({ tenantId }).then((view) => view.policy),
      this.satisfaction(tenantId, period, bounds),
      this.complaints(tenantId, bounds),
      this.funnel(tenantId, bounds),
      this.campaigns(tenantId, bounds),
      this.partners(tenantId, bounds),
    ]);
    const { facts } = customers;
    return {
      period,
      generatedAt: now.toISOString(),
      retention: retentionOf(facts, bounds),
      acquisition: acquisitionOf(facts, bounds),
      activity: activityOf(facts, policy, now, bounds.end),
      satisfaction,
      complaints,
      funnel,
      campaigns,
      partners,
      customersRead: facts.length,
      customersCapped: customers.capped,
      asOf: customers.takenAt,
    };
  }

  private async satisfaction(tenantId: string, period: KpiPeriod, bounds: KpiBounds) {
    const repository = new SurveyRepository(this.deps.tenantClient(tenantId), tenantId);
    const surveys: SurveyTemplate[] = [];
    let cursor: string | undefined;
    do {
      const page = await repository.list({ limit: SURVEYS_PAGE, ...(cursor ? { cursor } : {}) });
      surveys.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    const answered = await pMap(
      surveys,
      async (survey): Promise<ScoredAnswer[]> => {
        // The answers index sorts by `<answeredAt>#<invitationId>`: `<end>` bounds the period.
        const invitations = await repository.answeredBetween(survey.id, bounds.start, bounds.end);
        const ids = (kind: 'csat' | 'nps') =>
          survey.questions.filter((question) => question.kind === kind).map((question) => question.id);
        const scores = (answers: Record<string, unknown>, questionIds: string[]) =>
          questionIds.map((id) => answers[id]).filter((value): value is number => typeof value === 'number');
        return invitations.flatMap((invitation) =>
          invitation.answeredAt && invitation.answers
            ? [
                {
                  answeredAt: invitation.answeredAt,
                  csat: scores(invitation.answers, ids('csat')),
                  nps: scores(invitation.answers, ids('nps')),
                },
              ]
            : [],
        );
      },
      { concurrency: 4 },
    );
    return satisfactionOf(answered.flat(), period);
  }

  private async complaints(tenantId: string, bounds: KpiBounds) {
    const repository = new ComplaintRepository(this.deps.tenantClient(tenantId), tenantId);
    const [recorded, openNow] = await Promise.all([
      repository.recordedBefore({ before: bounds.end, limit: KPI_COMPLAINT_CAP }),
      repository.countOpen(),
    ]);
    const times: ComplaintTimes[] = recorded.items.map((complaint) => ({
      recordedAt: complaint.recordedAt,
      // A closed complaint's step began when it was closed (or rejected): it never moves again.
      closedAt: isClosedComplaintStep(complaint.step) ? complaint.stepEnteredAt : null,
    }));
    return complaintResolutionOf(times, bounds, openNow);
  }

  private async funnel(tenantId: string, bounds: KpiBounds) {
    const client = this.deps.tenantClient(tenantId);
    const opportunities = new OpportunityRepository(client, tenantId);
    const window = { from: bounds.start, to: bounds.end };
    const [leads, won, lost] = await Promise.all([
      new LeadRepository(client, tenantId).createdBetween(window),
      opportunities.closedBetween({ status: 'won', ...window }),
      opportunities.closedBetween({ status: 'lost', ...window }),
    ]);
    const closed: ClosedDeal[] = [...won, ...lost].map((deal) => ({
      status: deal.status === 'won' ? 'won' : 'lost',
      amount: deal.amount,
      createdAt: deal.createdAt,
      closedAt: deal.closedAt ?? deal.updatedAt,
    }));
    return funnelKpiOf(leads, closed);
  }

  private async campaigns(tenantId: string, bounds: KpiBounds) {
    const repository = new CampaignRepository(this.deps.tenantClient(tenantId), tenantId);
    const sent: Campaign[] = [];
    let cursor: string | undefined;
    do {
      const page = await repository.list({ limit: 100, ...(cursor ? { cursor } : {}) });
      sent.push(
        ...page.items.filter(
          (campaign) =>
            campaign.sentAt !== null && campaign.sentAt >= bounds.start && campaign.sentAt < bounds.end,
        ),
      );
      cursor = page.cursor ?? undefined;
    } while (cursor);
    sent.sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? ''));
    const items = await pMap(
      sent.slice(0, KPI_CAMPAIGN_RESULTS),
      async (campaign): Promise<CampaignKpi> => {
        const results = await this.deps.campaigns.results({ tenantId, campaignId: campaign.id });
        return {
          campaignId: campaign.id,
          name: campaign.name,
          channel: campaign.channel,
          sentAt: campaign.sentAt ?? '',
          sent: results.sent,
          holdout: results.holdout,
          contacted: results.contacted,
          holdoutGroup: results.holdoutGroup,
          uplift: results.uplift,
          windowOpen: results.windowOpen,
          capped: results.capped,
        };
      },
      { concurrency: 2 },
    );
    return campaignsKpiOf(items, sent.length);
  }

  private async partners(tenantId: string, bounds: KpiBounds): Promise<PartnerKpi[]> {
    const client = this.deps.tenantClient(tenantId);
    const organisations = await new PartnerOrganisationRepository(client, tenantId).list();
    if (organisations.length === 0) return [];
    const shares = new ShareRepository(client, tenantId);
    const interactions = new InteractionRepository(client, tenantId);
    const won = await new OpportunityRepository(client, tenantId).closedBetween({
      status: 'won',
      from: bounds.start,
      to: bounds.end,
    });
    return pMap(
      organisations,
      async (organisation): Promise<PartnerKpi> => {
        const customerIds = [
          ...new Set(
            (await shares.listAllForPartner({ partnerId: organisation.id })).map((s) => s.customerId),
          ),
        ];
        const read = customerIds.slice(0, KPI_PARTNER_CUSTOMERS);
        const orders = await pMap(
          read,
          (customerId) => interactions.ordersBetween({ customerId, from: bounds.start, to: bounds.end }),
          { concurrency: 8 },
        );
        const shared = new Set(customerIds);
        const theirs = won.filter((deal) => shared.has(deal.customerId));
        return {
          organisationId: organisation.id,
          name: organisation.name,
          sharedCustomers: customerIds.length,
          orders: partnerOrderFigures(orders.flat(), { from: bounds.start, to: bounds.end, actorId: '' }).map(
            ({ currency, count, amount }) => ({ currency, count, amount }),
          ),
          opportunitiesWon: theirs.length,
          wonAmount: theirs.reduce((sum, deal) => sum + deal.amount, 0),
          capped: customerIds.length > read.length,
        };
      },
      { concurrency: 2 },
    );
  }
}
