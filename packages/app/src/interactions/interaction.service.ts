import { applyInteraction, DomainError, type Interaction, type InteractionCreate, newId } from '@crm/domain';
import {
  CustomerRepository,
  InteractionRepository,
  type TenantClientFactory,
  TenantRepository,
} from '@crm/dynamodb';
import pRetry from 'p-retry';

/**
 * Concurrent interactions for one customer each retry on the figures' revision. With n writers at
 * once, the last may lose n − 1 times; jittered backoff spreads them so a burst settles in a few
 * rounds. Exhausted retries answer 409, never a lost update.
 */
const FIGURES_RETRY = { retries: 12, minTimeout: 5, factor: 2, maxTimeout: 250, randomize: true } as const;

function isFiguresConflict(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'version_conflict';
}

/** The timeline: every interaction also moves the customer's figures, exactly once. */
export class InteractionService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  async create(
    { tenantId, actorId }: { tenantId: string; actorId: string },
    { customerId, input, source = 'api' }: { customerId: string; input: InteractionCreate; source?: string },
  ): Promise<Interaction> {
    const client = this.tenantClient(tenantId);
    const customers = new CustomerRepository(client, tenantId);
    const tenant = await new TenantRepository(client).get({ tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const now = this.clock().toISOString();
    const interaction: Interaction = {
      ...input,
      // Normalise the instant so the timeline sorts by time, whatever offset the client sent.
      occurredAt: new Date(input.occurredAt).toISOString(),
      id: newId(),
      customerId,
      // The authenticated principal, always: the body has no actorId (strict schema), so nobody
      // records an interaction in another user's name.
      actorId,
      source,
      createdAt: now,
      createdBy: actorId,
      version: 1,
    };
    const interactions = new InteractionRepository(client, tenantId);
    return pRetry(
      async () => {
        const stored = await customers.getWithStatsRevision({ customerId });
        if (!stored) throw new DomainError('not_found', 'Customer not found');
        const { customer, statsRevision } = stored;
        if (customer.archivedAt)
          throw new DomainError('invalid_state', 'Customer is archived: restore it first');
        const stats = applyInteraction(customer.stats, interaction, tenant.settings.defaultCurrency);
        await interactions.create({ interaction, customer, statsRevision, stats });
        return interaction;
      },
      { ...FIGURES_RETRY, shouldRetry: ({ error }) => isFiguresConflict(error) },
    );
  }

  async list(input: { tenantId: string; customerId: string; limit: number; cursor?: string; type?: string }) {
    const client = this.tenantClient(input.tenantId);
    const customer = await new CustomerRepository(client, input.tenantId).get({
      customerId: input.customerId,
    });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    const { tenantId: _tenantId, ...query } = input;
    return new InteractionRepository(client, input.tenantId).list(query);
  }
}
