import {
  changeOpportunity,
  closeOpportunity,
  computeFunnel,
  DomainError,
  type Funnel,
  findPipeline,
  isRotting,
  type LostDealReport,
  lostDealReport,
  newId,
  type Opportunity,
  type OpportunityCreate,
  type OpportunityLose,
  type OpportunityPatch,
  type OpportunityView,
  type OpportunityWin,
  openOpportunity,
  type Pipeline,
} from '@crm/domain';
import { type OpportunityListFilter, OpportunityRepository, type TenantClientFactory } from '@crm/dynamodb';
import { assertActiveUser } from './active-user.js';
import type { SalesActor } from './lead.service.js';
import type { SalesSetupService, SalesSetupView } from './sales-setup.service.js';

type Actor = { tenantId: string; actorId: string };

const DAY_MS = 86_400_000;
/** The funnel's and the lost-deal report's window when the caller names none: a year. */
export const DEFAULT_SALES_WINDOW_DAYS = 365;

/**
 * Opportunities (销售机会) through the tenant's pipelines: created, moved (each move recording
 * the time spent in the stage), won or lost with a reason; and the funnel (销售漏斗) and the
 * lost-deal report (竞争丢单) over them.
 */
export class OpportunityService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly setup: SalesSetupService;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; setup: SalesSetupService }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.setup = deps.setup;
  }

  private repository(tenantId: string) {
    return new OpportunityRepository(this.tenantClient(tenantId), tenantId);
  }

  private views(setup: SalesSetupView, deals: Opportunity[]): OpportunityView[] {
    const now = this.clock();
    return deals.map((deal) => {
      const pipeline = setup.pipelines.find((candidate) => candidate.key === deal.pipeline);
      return { ...deal, rotting: pipeline ? isRotting(deal, pipeline, now) : false };
    });
  }

  private pipelineOf(setup: SalesSetupView, key: string | undefined, path: string): Pipeline {
    const pipeline = findPipeline(setup, key);
    if (!pipeline) {
      throw new DomainError('validation_failed', `No pipeline ${key}`, {
        fields: [{ path, message: `must be one of ${setup.pipelines.map((p) => p.key).join(', ')}` }],
      });
    }
    return pipeline;
  }

  async create(actor: SalesActor, input: OpportunityCreate): Promise<OpportunityView> {
    const { tenantId } = actor;
    const setup = await this.setup.get({ tenantId });
    const pipeline = this.pipelineOf(setup, input.pipeline, 'pipeline');
    if (input.ownerId) await assertActiveUser(this.tenantClient, tenantId, input.ownerId, 'ownerId');
    const deal = openOpportunity({
      id: newId(),
      customerId: input.customerId,
      leadId: null,
      draft: input,
      pipeline,
      ownerId: input.ownerId ?? actor.userId,
      actorId: actor.actorId,
      now: this.clock(),
    });
    await this.repository(tenantId).create(deal);
    return this.views(setup, [deal])[0] as OpportunityView;
  }

  async get({ tenantId }: { tenantId: string }, opportunityId: string): Promise<OpportunityView> {
    const deal = await this.repository(tenantId).get(opportunityId);
    if (!deal) throw new DomainError('not_found', 'Opportunity not found');
    return this.views(await this.setup.get({ tenantId }), [deal])[0] as OpportunityView;
  }

  async list({ tenantId }: { tenantId: string }, filter: OpportunityListFilter) {
    const page = await this.repository(tenantId).list(filter);
    return { ...page, items: this.views(await this.setup.get({ tenantId }), page.items) };
  }

  private async current(tenantId: string, opportunityId: string, expectedVersion: number | undefined) {
    const deal = await this.repository(tenantId).get(opportunityId);
    if (!deal) throw new DomainError('not_found', 'Opportunity not found');
    if (deal.status !== 'open') {
      throw new DomainError('invalid_state', `The deal is ${deal.status}; only open deals change`);
    }
    if (expectedVersion !== undefined && deal.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `The deal is at version ${deal.version}, not ${expectedVersion}; reload it`,
        { details: { current: deal } },
      );
    }
    return deal;
  }

  /** Edits an open deal at `expectedVersion`; a new `stage` is a move (the stage visit recorded). */
  async update(
    actor: Actor,
    opportunityId: string,
    input: { patch: Omit<OpportunityPatch, 'version'>; expectedVersion: number },
  ): Promise<OpportunityView> {
    const { tenantId } = actor;
    const deal = await this.current(tenantId, opportunityId, input.expectedVersion);
    if (input.patch.ownerId)
      await assertActiveUser(this.tenantClient, tenantId, input.patch.ownerId, 'ownerId');
    const setup = await this.setup.get({ tenantId });
    const pipeline = this.pipelineOf(setup, deal.pipeline, 'stage');
    const next = changeOpportunity({
      opportunity: deal,
      patch: input.patch,
      pipeline,
      actorId: actor.actorId,
      now: this.clock(),
    });
    const saved = await this.repository(tenantId).save(next, input.expectedVersion);
    return this.views(setup, [saved])[0] as OpportunityView;
  }

  /** Wins an open deal; at `expectedVersion` when given, else whatever version it is at now. */
  async win(actor: Actor, opportunityId: string, input: OpportunityWin & { expectedVersion?: number }) {
    const { expectedVersion, ...rest } = input;
    return this.close(actor, opportunityId, expectedVersion, { status: 'won', input: rest });
  }

  /** Loses an open deal with the reason and competitor; at `expectedVersion` when given. */
  async lose(actor: Actor, opportunityId: string, input: OpportunityLose & { expectedVersion?: number }) {
    const { expectedVersion, ...rest } = input;
    return this.close(actor, opportunityId, expectedVersion, { status: 'lost', input: rest });
  }

  private async close(
    actor: Actor,
    opportunityId: string,
    expectedVersion: number | undefined,
    outcome: Parameters<typeof closeOpportunity>[0]['outcome'],
  ): Promise<OpportunityView> {
    const { tenantId } = actor;
    const deal = await this.current(tenantId, opportunityId, expectedVersion);
    const next = closeOpportunity({ opportunity: deal, outcome, actorId: actor.actorId, now: this.clock() });
    // Closing is conditional on the version read either way: a concurrent move or close is a 409.
    const saved = await this.repository(tenantId).save(next, deal.version);
    return this.views(await this.setup.get({ tenantId }), [saved])[0] as OpportunityView;
  }

  private since(since: string | undefined): string {
    return since ?? new Date(this.clock().getTime() - DEFAULT_SALES_WINDOW_DAYS * DAY_MS).toISOString();
  }

  /**
   * The funnel of a pipeline (the default one unless named): every open deal, and the deals
   * created since `since` (a year back by default) for conversions, time in stage and win rate.
   */
  async funnel(
    { tenantId }: { tenantId: string },
    query: { pipeline?: string; since?: string } = {},
  ): Promise<Funnel> {
    const setup = await this.setup.get({ tenantId });
    const pipeline = this.pipelineOf(setup, query.pipeline, 'pipeline');
    const since = this.since(query.since);
    const repository = this.repository(tenantId);
    const [open, cohort] = await Promise.all([repository.allOpen(), repository.createdSince(since)]);
    return computeFunnel({ pipeline, open, cohort, since, now: this.clock() });
  }

  /**
   * Deals lost since `since` (a year back by default), of one pipeline or all, by reason,
   * competitor, stage and owner.
   */
  async lostDeals(
    { tenantId }: { tenantId: string },
    query: { since?: string; pipeline?: string } = {},
  ): Promise<LostDealReport> {
    const since = this.since(query.since);
    const lost = await this.repository(tenantId).lostSince(since);
    return lostDealReport(
      query.pipeline === undefined ? lost : lost.filter((deal) => deal.pipeline === query.pipeline),
      since,
    );
  }
}
