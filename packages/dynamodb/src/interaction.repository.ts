import {
  type AttributeValue,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError, type FigureMoves, figuresOverflowError, type Interaction } from '@crm/domain';
import pRetry from 'p-retry';
import {
  customerFigureInstantRetreat,
  customerFigureInstantsUpdate,
  customerFigureInstantUpdate,
  customerFiguresIncrement,
  type FigureInstant,
  figureInstantDirections,
} from './customer-figures-update.js';
import type { TableUpdate } from './customer-stats-update.js';
import type { TableClient } from './document-client.js';
import type { FigureInstantsMemory } from './figure-instants-memory.js';
import {
  type InstantPlan,
  isFurther,
  planFigureInstants,
  planHolds,
  storedInstants,
} from './figure-instants-plan.js';
import { fromItem, toItem } from './item-codec.js';
import { cursorSortKeyPatterns, keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';
import type { TransactItems } from './transact-items.js';

type Item = Record<string, unknown>;

/**
 * DynamoDB cancelled a transaction because another transaction held one of its items at that
 * instant. Nothing was written and nothing was read, so sending the same transaction again is
 * the whole remedy: it is contention, never a refusal.
 */
export class FiguresBusyError extends Error {
  constructor() {
    super('The customer item was busy with another transaction');
    this.name = 'FiguresBusyError';
  }
}

/** The write that joined an interaction's transaction (`alongside`) failed its condition: nothing was written. */
export class AlongsideRefusedError extends Error {
  constructor() {
    super('The write recorded alongside the interaction failed its condition');
    this.name = 'AlongsideRefusedError';
  }
}

/**
 * The interaction's write guessed wrong which first/last instants it moves (another write moved
 * them meanwhile, or this process had not seen them): nothing was written. Carries the instants as
 * stored, for the next try.
 */
class InstantsGuessedWrongError extends Error {
  readonly stored: Partial<Record<FigureInstant, string>>;
  constructor(stored: Partial<Record<FigureInstant, string>>) {
    super("The customer's first/last instants were not where the write expected");
    this.name = 'InstantsGuessedWrongError';
    this.stored = stored;
  }
}

// Each wrong guess learns the stored instants, so a second try is right unless another write moved
// them in between; past this, the caller's contention retry (with backoff) takes over.
const MAX_INSTANT_GUESSES = 4;
/** Mends of one retreat against concurrent writes; each is one read and one conditional write. */
const MAX_INSTANT_MENDS = 25;

/** A clash with an in-flight transaction on the same item, or that transaction still running. */
function isTransientTransactionError(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'TransactionConflictException' || name === 'TransactionInProgressException';
}

/** A forward-only instant write clashing with a transaction is simply sent again, briefly. */
const BUSY_RETRY = { retries: 20, minTimeout: 5, factor: 1.5, maxTimeout: 200, randomize: true } as const;

export function interactionItem(tenantId: string, interaction: Interaction): Item {
  return toItem(
    'interaction',
    keys.interaction(tenantId, interaction.customerId, interaction.occurredAt, interaction.id),
    interaction,
  );
}

/** The customer timeline (interactions), stored in the customer's own partition. */
export class InteractionRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  /**
   * Records the interaction and adds its figures to the customer's, together: the put is
   * conditional on the interaction not existing, so the same interaction (by id) never moves the
   * figures twice; the figures are added without being read (customer-figures-update.ts), so
   * concurrent interactions never invalidate one another. The first/last instants move in the
   * same write, as planned from `memory` (figure-instants-plan.ts): a plan another write made
   * wrong is sent again, corrected by the instants the cancellation returned, so the instants are
   * right when this returns. Errors: `already_exists` (this id was
   * recorded), `not_found` / `invalid_state` (no such customer / archived), `unprocessable` (a total
   * would overflow), and `FiguresBusyError` when DynamoDB cancelled the transaction because
   * another one held the customer item at that instant (resending it is safe and right).
   *
   * `alongside` joins the transaction with another record's write (a quote turning accepted), so
   * the order and what caused it are written together or not at all; when that write's condition
   * fails, `AlongsideRefusedError` says so and nothing was written.
   */
  async create(input: {
    interaction: Interaction;
    moves: FigureMoves;
    alongside?: TransactItems[number];
    /** This process's guesses of the customer's instants (a busy customer's orders guess right). */
    memory?: FigureInstantsMemory;
  }): Promise<void> {
    const { interaction, moves, alongside, memory } = input;
    const { customerId } = interaction;
    let seen = memory?.get(this.tenantId, customerId);
    for (let attempt = 1; ; attempt++) {
      const plan = planFigureInstants(moves.instants, seen);
      try {
        // The SDK gives each call its own ClientRequestToken, so its own resends after a lost
        // response are idempotent too.
        await this.writeWithFigures(
          {
            Put: {
              TableName: '',
              Item: interactionItem(this.tenantId, interaction),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          customerId,
          moves,
          () => new DomainError('already_exists', 'Interaction already recorded'),
          alongside,
          plan,
        );
        memory?.written(this.tenantId, customerId, plan);
        return;
      } catch (error) {
        if (!(error instanceof InstantsGuessedWrongError)) throw error;
        // Nothing was written; the instants as they were make the next plan right, unless another
        // write moves them again first (then this is contention, which the caller resends).
        seen = { instants: error.stored, complete: true };
        memory?.read(this.tenantId, customerId, error.stored);
        if (attempt >= MAX_INSTANT_GUESSES) throw new FiguresBusyError();
      }
    }
  }

  /**
   * Removes the interaction and takes its figures back out of the customer's, together: the
   * delete is conditional on the interaction still being there (and, given `expectedVersion`, at
   * that version), so a second removal finds nothing and never negates twice; the negated figures
   * are added like a create's (`moves` from `figureRemoval`), so removals and creates commute.
   * Errors: `not_found` (already removed, or no such customer), `version_conflict` with the current
   * interaction, `invalid_state` (customer archived), and `FiguresBusyError` as for `create`.
   */
  async remove(input: {
    interaction: Interaction;
    moves: FigureMoves;
    expectedVersion?: number;
  }): Promise<void> {
    const { interaction, moves, expectedVersion } = input;
    const versioned = expectedVersion !== undefined;
    await this.writeWithFigures(
      {
        Delete: {
          TableName: '',
          Key: keys.interaction(
            this.tenantId,
            interaction.customerId,
            interaction.occurredAt,
            interaction.id,
          ),
          ConditionExpression: versioned
            ? 'attribute_exists(pk) AND #version = :version'
            : 'attribute_exists(pk)',
          ...(versioned
            ? {
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': expectedVersion },
              }
            : {}),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      interaction.customerId,
      moves,
      (current) => {
        if (!current) return new DomainError('not_found', 'Interaction not found');
        const stored = fromItem<Interaction>(unmarshall(current));
        return new DomainError(
          'version_conflict',
          `Interaction is at version ${stored.version}, not ${expectedVersion}`,
          { details: { current: stored } },
        );
      },
    );
  }

  /**
   * One transaction: the interaction's own write (`entry`, conditional), its figure moves on the
   * customer item and, optionally, one more conditional write `alongside` (refused:
   * `AlongsideRefusedError`). A refused entry is explained by `entryRefused` (given the stored item when
   * the condition returned one); refused figures by `whyFiguresRefused`; a transaction another one
   * held the customer item against is `FiguresBusyError` (resending it is safe and right).
   */
  private async writeWithFigures(
    entry: TransactItems[number],
    customerId: string,
    moves: FigureMoves,
    entryRefused: (current: Record<string, AttributeValue> | undefined) => Error,
    alongside?: TransactItems[number],
    plan: InstantPlan = {},
  ): Promise<void> {
    try {
      await this.table.transactWrite([
        entry,
        {
          Update: {
            TableName: '',
            ...customerFiguresIncrement(this.tenantId, customerId, moves.added, plan),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        ...(alongside ? [alongside] : []),
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[2]?.Code === 'ConditionalCheckFailed') throw new AlongsideRefusedError();
        if (reasons[0]?.Code === 'ConditionalCheckFailed') {
          const current = reasons[0].Item;
          throw entryRefused(current && Object.keys(current).length > 0 ? current : undefined);
        }
        if (reasons[1]?.Code === 'ConditionalCheckFailed') {
          throw await this.whyFiguresRefused(customerId, reasons[1].Item, plan);
        }
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) throw new FiguresBusyError();
      }
      if (isTransientTransactionError(error)) throw new FiguresBusyError();
      throw error;
    }
  }

  /** One interaction where its instant is known (a quote keeps its order's): one GetItem. */
  async at(input: {
    customerId: string;
    occurredAt: string;
    interactionId: string;
  }): Promise<Interaction | undefined> {
    const item = await this.table.get(
      keys.interaction(this.tenantId, input.customerId, input.occurredAt, input.interactionId),
    );
    return item ? fromItem<Interaction>(item) : undefined;
  }

  /** One interaction of the customer by id; its sort key leads with its instant, so it is searched for. */
  async find(input: { customerId: string; interactionId: string }): Promise<Interaction | undefined> {
    const pages = this.table.queryPages({
      partitionValue: keys.customerPartition(this.tenantId, input.customerId),
      KeyConditionExpression: 'begins_with(sk, :i)',
      FilterExpression: '#id = :id',
      ExpressionAttributeNames: { '#id': 'id' },
      ExpressionAttributeValues: { ':i': sortKeyPrefixes.interaction, ':id': input.interactionId },
      ConsistentRead: true,
    });
    for await (const page of pages) {
      const found = page.items[0];
      if (found) return fromItem<Interaction>(found);
    }
    return undefined;
  }

  /**
   * After an interaction was removed, moves back each first/last instant it was holding, to the
   * next holder on the timeline (or away when none is left). Outside the removal's transaction on
   * purpose: finding the next holder is a read, and a read-then-write must never stand in a
   * create's way. Each move applies only while the instant is still the removed one's, so a
   * concurrent create's forward move wins, and running this again (the stream reaction does, for
   * a process that died in between) changes nothing. Reads with strong consistency so the
   * removed interaction is not found again.
   */
  async retreatFigureInstants(input: { removed: Pick<Interaction, 'customerId' | 'type' | 'occurredAt'> }) {
    const { customerId, type, occurredAt } = input.removed;
    const customer = await this.table.get(keys.customer(this.tenantId, customerId));
    if (!customer) return;
    const stats = (customer.stats ?? {}) as Partial<Record<FigureInstant, string>>;
    const held = (Object.keys(figureInstantDirections) as FigureInstant[]).filter(
      (instant) => (instant === 'lastInteractionAt' || type === 'order') && stats[instant] === occurredAt,
    );
    await Promise.all(held.map((instant) => this.retreatInstant(customerId, instant, occurredAt)));
  }

  /**
   * Moves `instant` back from the removed interaction's to its next holder, then compares the
   * instant as the write left it with the timeline as it is now, and mends the difference until
   * the two agree: a holder that was itself removed meanwhile (its removal looked at the instant
   * before this move landed, so it left it alone) is moved back from; a create that committed
   * while the instant still named a later, removed interaction (so its own move was not needed)
   * is moved forward to. Each mend is conditional on what it read, so concurrent creates, removals
   * and repeats of this (the stream reaction runs it again) all converge on the timeline's holder.
   * Bounded; should a storm outlast it, the stream reaction's repeat finishes the work.
   */
  private async retreatInstant(customerId: string, instant: FigureInstant, removedAt: string) {
    const firstLook = await this.nextInstantHolder(customerId, instant);
    let written = await this.applyIfForward(
      customerFigureInstantRetreat(this.tenantId, customerId, { instant, from: removedAt, to: firstLook }),
    );
    for (let mend = 0; mend < MAX_INSTANT_MENDS && written.exists; mend += 1) {
      const stored = written.instants[instant];
      const holder = await this.nextInstantHolder(customerId, instant);
      if (stored === holder) return;
      written = await this.applyIfForward(
        stored !== undefined && (holder === undefined || isFurther(instant, stored, holder))
          ? customerFigureInstantRetreat(this.tenantId, customerId, { instant, from: stored, to: holder })
          : customerFigureInstantUpdate(this.tenantId, customerId, instant, holder as string),
      );
    }
  }

  /** The instant that now holds a first/last figure: the newest interaction, or the newest/oldest order. */
  private async nextInstantHolder(customerId: string, instant: FigureInstant): Promise<string | undefined> {
    const ordersOnly = instant !== 'lastInteractionAt';
    let exclusiveStartKey: Item | undefined;
    do {
      const page = await this.table.query({
        partitionValue: keys.customerPartition(this.tenantId, customerId),
        KeyConditionExpression: 'begins_with(sk, :i)',
        ExpressionAttributeValues: {
          ':i': sortKeyPrefixes.interaction,
          ...(ordersOnly ? { ':order': 'order' } : {}),
        },
        ExpressionAttributeNames: { '#at': 'occurredAt', ...(ordersOnly ? { '#type': 'type' } : {}) },
        ...(ordersOnly ? { FilterExpression: '#type = :order' } : { Limit: 1 }),
        ProjectionExpression: '#at',
        ScanIndexForward: figureInstantDirections[instant] === 'earlier',
        ConsistentRead: true,
        ExclusiveStartKey: exclusiveStartKey,
      });
      const found = page.items[0]?.occurredAt;
      if (typeof found === 'string') return found;
      exclusiveStartKey = ordersOnly ? page.lastEvaluatedKey : undefined;
    } while (exclusiveStartKey);
    return undefined;
  }

  /**
   * Why the customer's figures refused an increment: gone, archived, the instants guessed wrong
   * (`InstantsGuessedWrongError`, to be sent again with the stored ones), or a total would overflow.
   */
  private async whyFiguresRefused(
    customerId: string,
    old: Record<string, AttributeValue> | undefined,
    plan: InstantPlan,
  ): Promise<Error> {
    const item =
      old && Object.keys(old).length > 0
        ? unmarshall(old)
        : await this.table.get(keys.customer(this.tenantId, customerId));
    if (!item) return new DomainError('not_found', 'Customer not found');
    if (item.archivedAt !== undefined) {
      return new DomainError('invalid_state', 'Customer is archived: restore it first');
    }
    const stored = storedInstants(item);
    if (!planHolds(plan, stored)) return new InstantsGuessedWrongError(stored);
    return figuresOverflowError();
  }

  /**
   * Moves the first/last instants an interaction may move, each only forward, so a write that
   * finds a later one already there changes nothing and is fine. Usually one write: the last
   * instants together; the first-order instant only when the stored one is later (instants never
   * move back, so one seen not to need moving never will). Idempotent: after a crash between the
   * transaction and this, running it again for the same interaction is right; until then the sums
   * are exact and only these instants lag. For the entries whose transaction does not move them
   * (complaints', service requests') and for the stream's repeat; `create` needs none of it.
   */
  async moveFigureInstants(input: {
    customerId: string;
    moves: Pick<FigureMoves, 'instants'>;
  }): Promise<void> {
    const { customerId, moves } = input;
    const { firstOrderAt, ...latest } = moves.instants;
    const together = await this.applyIfForward(
      customerFigureInstantsUpdate(this.tenantId, customerId, latest),
    );
    if (!together.exists) return;
    const pending: [FigureInstant, string][] = [];
    if (!together.applied) {
      for (const [instant, at] of Object.entries(latest) as [FigureInstant, string | undefined][]) {
        const stored = together.instants[instant];
        if (at !== undefined && (stored === undefined || stored < at)) pending.push([instant, at]);
      }
    }
    const storedFirst = together.instants.firstOrderAt;
    if (firstOrderAt !== undefined && (storedFirst === undefined || storedFirst > firstOrderAt)) {
      pending.push(['firstOrderAt', firstOrderAt]);
    }
    await Promise.all(
      pending.map(([instant, at]) =>
        this.applyIfForward(customerFigureInstantUpdate(this.tenantId, customerId, instant, at)),
      ),
    );
  }

  /**
   * One forward-only update: a failed condition is the expected "already further" and ends
   * quietly; a moment's clash with a transaction on the same item is retried. Tells whether it
   * applied and the instants it saw (after the write, or as they were when it was not needed).
   */
  private async applyIfForward(
    update: TableUpdate,
  ): Promise<{ applied: boolean; exists: boolean; instants: Partial<Record<FigureInstant, string>> }> {
    return pRetry(
      async () => {
        try {
          const attributes = await this.table.update({
            ...update,
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          });
          const stats = (attributes?.stats ?? {}) as Partial<Record<FigureInstant, string>>;
          return { applied: true, exists: true, instants: stats };
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) {
            // Raw attribute values: only the instants are needed, without converting the rest.
            const stats = error.Item?.stats?.M ?? {};
            const instants: Partial<Record<FigureInstant, string>> = {};
            for (const instant of Object.keys(figureInstantDirections) as FigureInstant[]) {
              const value = stats[instant]?.S;
              if (value !== undefined) instants[instant] = value;
            }
            return { applied: false, exists: error.Item !== undefined, instants };
          }
          throw error;
        }
      },
      { ...BUSY_RETRY, shouldRetry: ({ error }) => isTransientTransactionError(error) },
    );
  }

  /** Newest first, by when the interaction happened. */
  async list(input: { customerId: string; limit: number; cursor?: string; type?: string }) {
    let exclusiveStartKey: Item | undefined;
    if (input.cursor) exclusiveStartKey = decodeTimelineCursor(input.cursor, this.tenantId, input.customerId);
    const items: Interaction[] = [];
    let read = 0;
    do {
      const page = await this.table.query({
        partitionValue: keys.customerPartition(this.tenantId, input.customerId),
        KeyConditionExpression: 'begins_with(sk, :i)',
        ExpressionAttributeValues: {
          ':i': sortKeyPrefixes.interaction,
          ...(input.type ? { ':type': input.type } : {}),
        },
        ...(input.type
          ? { FilterExpression: '#type = :type', ExpressionAttributeNames: { '#type': 'type' } }
          : {}),
        ScanIndexForward: false,
        Limit: input.limit - items.length,
        ExclusiveStartKey: exclusiveStartKey,
      });
      items.push(...page.items.map((item) => fromItem<Interaction>(item)));
      read += page.scannedCount;
      exclusiveStartKey = page.lastEvaluatedKey;
    } while (exclusiveStartKey && items.length < input.limit && read < 2000);
    return {
      items,
      nextCursor: exclusiveStartKey ? Buffer.from(String(exclusiveStartKey.sk)).toString('base64url') : null,
    };
  }

  /** The customer's orders that happened in [from, to) (ISO instants): one window of its timeline. */
  async ordersBetween(input: { customerId: string; from: string; to: string }): Promise<Interaction[]> {
    // `I#<to>` sorts before every `I#<to>#<id>`: an order at `to` itself is left out.
    const items = await this.table.queryAll(this.ordersUpTo(input.customerId, input.from, input.to));
    return items.map((item) => fromItem<Interaction>(item));
  }

  /** Whether the customer recorded an order in [from, to] (ISO instants): a campaign's conversion. */
  async orderedBetween(input: { customerId: string; from: string; to: string }): Promise<boolean> {
    const pages = this.table.queryPages({
      // `I#<to>\uffff` sorts after every `I#<to>#<id>`: an order at `to` itself counts.
      ...this.ordersUpTo(input.customerId, input.from, `${input.to}\uffff`),
      ProjectionExpression: 'pk',
    });
    for await (const page of pages) if (page.items.length > 0) return true;
    return false;
  }

  /** The query for the customer's orders from the instant `from` to the sort key `I#<upTo>`. */
  private ordersUpTo(customerId: string, from: string, upTo: string) {
    return {
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'sk BETWEEN :from AND :to',
      FilterExpression: '#type = :order',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':from': `${sortKeyPrefixes.interaction}${from}`,
        ':to': `${sortKeyPrefixes.interaction}${upTo}`,
        ':order': 'order',
      },
    };
  }

  /** Every interaction of the customer, oldest first (for recomputing figures). */
  async listAll({ customerId }: { customerId: string }): Promise<Interaction[]> {
    const items = await this.table.queryAll({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :i)',
      ExpressionAttributeValues: { ':i': sortKeyPrefixes.interaction },
    });
    return items.map((item) => fromItem<Interaction>(item));
  }
}

function decodeTimelineCursor(cursor: string, tenantId: string, customerId: string): Item {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorSortKeyPatterns.interaction.test(sk)) {
    throw new DomainError('validation_failed', 'Invalid cursor: not a cursor this API issued', {
      fields: [{ path: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return { pk: keys.customerPartition(tenantId, customerId), sk };
}
