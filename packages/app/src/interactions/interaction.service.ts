import { DomainError, figureMoves, type Interaction, type InteractionCreate, newId } from '@crm/domain';
import {
  CustomerRepository,
  FiguresBusyError,
  InteractionRepository,
  type TenantClientFactory,
  TenantRepository,
} from '@crm/dynamodb';
import pRetry from 'p-retry';

/**
 * An interaction adds its figures without reading them, so nothing another writer does can make
 * it wrong; the only thing that can stop it is DynamoDB cancelling the transaction because
 * another one held the customer item at that very instant. Then the same transaction is simply
 * sent again (it reads nothing, so nothing is recomputed), with jittered backoff, for as long as a
 * client would wait: a create that carries no version is never refused for contention.
 */
const BUSY_RETRY = {
  retries: 200,
  minTimeout: 5,
  factor: 1.5,
  maxTimeout: 250,
  maxRetryTime: 20_000,
  randomize: true,
} as const;

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
    const moves = figureMoves(interaction, tenant.settings.defaultCurrency);
    const interactions = new InteractionRepository(client, tenantId);
    await pRetry(() => interactions.create({ interaction, moves }), {
      ...BUSY_RETRY,
      shouldRetry: ({ error }) => error instanceof FiguresBusyError,
    });
    await interactions.moveFigureInstants({ customerId, moves });
    return interaction;
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
