import {
  DomainError,
  figureMoves,
  figureRemoval,
  type Interaction,
  type InteractionCreate,
  isOwnedTimelineEntry,
  newId,
} from '@crm/domain';
import {
  CustomerRepository,
  FigureInstantsMemory,
  FiguresBusyError,
  InteractionRepository,
  type TenantClientFactory,
} from '@crm/dynamodb';
import pRetry from 'p-retry';

type InteractionAlongside = NonNullable<Parameters<InteractionRepository['create']>[0]['alongside']>;

import { TenantSettingsCache } from '../tenant/tenant-settings-cache.js';

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
  private readonly tenantSettings: TenantSettingsCache;
  private readonly instants = new FigureInstantsMemory();

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    tenantSettings?: TenantSettingsCache;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.tenantSettings = deps.tenantSettings ?? new TenantSettingsCache(deps);
  }

  async create(
    { tenantId, actorId }: { tenantId: string; actorId: string },
    {
      customerId,
      input,
      source = 'api',
      id = newId(),
      alongside,
    }: {
      customerId: string;
      input: InteractionCreate;
      source?: string;
      /** Given by a caller that must know the id before the write (a quote's acceptance). */
      id?: string;
      /** Another record's write in the same transaction (see `InteractionRepository.create`). */
      alongside?: InteractionAlongside;
    },
  ): Promise<Interaction> {
    const client = this.tenantClient(tenantId);
    const { defaultCurrency } = await this.tenantSettings.settings({ tenantId });
    const now = this.clock().toISOString();
    const interaction: Interaction = {
      ...input,
      // Normalise the instant so the timeline sorts by time, whatever offset the client sent.
      occurredAt: new Date(input.occurredAt).toISOString(),
      id,
      customerId,
      // The authenticated principal, always: the body has no actorId (strict schema), so nobody
      // records an interaction in another user's name.
      actorId,
      source,
      createdAt: now,
      createdBy: actorId,
      version: 1,
    };
    const moves = figureMoves(interaction, defaultCurrency);
    const interactions = new InteractionRepository(client, tenantId);
    // One transaction moves the sums and the first/last instants (read-your-writes, no second write).
    await pRetry(
      () =>
        interactions.create({
          interaction,
          moves,
          memory: this.instants,
          ...(alongside ? { alongside } : {}),
        }),
      { ...BUSY_RETRY, shouldRetry: ({ error }) => error instanceof FiguresBusyError },
    );
    return interaction;
  }

  /**
   * Removes an interaction from the timeline and its figures from the customer's, in one
   * transaction (idempotent: a second removal answers `not_found`, never negates twice); then
   * moves back the first/last instants it held, outside the transaction, so that read-then-write
   * never stands in a create's way (the stream repeats it if this process dies in between). With
   * `expectedVersion`, an interaction changed since the client read it is not removed (409).
   */
  async remove(
    { tenantId }: { tenantId: string; actorId: string },
    input: { customerId: string; interactionId: string; expectedVersion?: number | undefined },
  ): Promise<void> {
    const client = this.tenantClient(tenantId);
    const { defaultCurrency } = await this.tenantSettings.settings({ tenantId });
    const interactions = new InteractionRepository(client, tenantId);
    const interaction = await interactions.find(input);
    if (!interaction) throw new DomainError('not_found', 'Interaction not found');
    if (isOwnedTimelineEntry(interaction)) {
      throw new DomainError(
        'invalid_state',
        `This entry belongs to the ${interaction.type === 'complaint' ? 'complaint' : 'service request'} ${interaction.id}; it stays while that record does`,
      );
    }
    if (input.expectedVersion !== undefined && interaction.version !== input.expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `Interaction is at version ${interaction.version}, not ${input.expectedVersion}`,
        { details: { current: interaction } },
      );
    }
    const moves = figureRemoval(interaction, defaultCurrency);
    await pRetry(
      () =>
        interactions.remove({
          interaction,
          moves,
          ...(input.expectedVersion === undefined ? {} : { expectedVersion: input.expectedVersion }),
        }),
      { ...BUSY_RETRY, shouldRetry: ({ error }) => error instanceof FiguresBusyError },
    );
    await interactions.retreatFigureInstants({ removed: interaction });
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
