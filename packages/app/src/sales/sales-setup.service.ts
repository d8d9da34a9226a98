import { DomainError, defaultSalesSetup, type SalesSetup } from '@crm/domain';
import { OpportunityRepository, SalesSetupRepository, type TenantClientFactory } from '@crm/dynamodb';

type Actor = { tenantId: string; actorId: string };

export type SalesSetupView = SalesSetup & { version: number; updatedAt: string | null };

/**
 * The tenant's pipelines and lead-grading rules. Until an admin saves one the default setup
 * applies (Pipedrive's four stages): it is seeded on first use, as version 0.
 */
export class SalesSetupService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  async get({ tenantId }: { tenantId: string }): Promise<SalesSetupView> {
    const stored = await new SalesSetupRepository(this.tenantClient(tenantId), tenantId).get();
    if (!stored) return { ...defaultSalesSetup, version: 0, updatedAt: null };
    return { ...stored.setup, version: stored.version, updatedAt: stored.updatedAt };
  }

  /**
   * Replaces the setup if `expectedVersion` is the one read (0 before the first save). A stage
   * that open deals sit in cannot be removed (move or close them first): the funnel would lose them.
   */
  async put(actor: Actor, input: { setup: SalesSetup; expectedVersion: number }): Promise<SalesSetupView> {
    const { setup } = input;
    const { tenantId } = actor;
    const open = await new OpportunityRepository(this.tenantClient(tenantId), tenantId).allOpen();
    const stranded = open.filter(
      (deal) =>
        !setup.pipelines.some(
          (pipeline) =>
            pipeline.key === deal.pipeline && pipeline.stages.some((stage) => stage.key === deal.stage),
        ),
    );
    if (stranded.length > 0) {
      const places = [...new Set(stranded.map((deal) => `${deal.pipeline}/${deal.stage}`))];
      throw new DomainError(
        'invalid_state',
        `Open deals are in stages this setup removes (${places.join(', ')}); move or close them first`,
        { details: { stages: places, opportunities: stranded.length } },
      );
    }
    const now = this.clock().toISOString();
    const version = input.expectedVersion + 1;
    await new SalesSetupRepository(this.tenantClient(tenantId), tenantId).put(
      { setup, version, updatedAt: now, updatedBy: actor.actorId },
      input.expectedVersion,
    );
    return { ...setup, version, updatedAt: now };
  }
}
