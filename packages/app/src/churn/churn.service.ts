import {
  type AlertReason,
  assessChurn,
  type ChurnFile,
  type ChurnPolicy,
  ChurnPolicySchema,
  type Customer,
  churnTransition,
  DomainError,
  defaultChurnPolicy,
  isValuable,
  suggestWinBack,
} from '@crm/domain';
import { ChurnRepository, CustomerRepository, type TenantClientFactory } from '@crm/dynamodb';
import type { AlertService } from '../alerts/alerts.service.js';
import { readTenantPolicy, replaceTenantPolicy, type TenantPolicyView } from '../tenant-policy.js';
import { meanGapDays } from './mean-gap-days.js';

type TenantScope = { tenantId: string };
type Actor = { tenantId: string; actorId: string };

export type ChurnPolicyView = TenantPolicyView<ChurnPolicy>;

const BY = 'system:churn';
const DAY_MS = 86_400_000;

/**
 * Churn (DOMAIN.md §6: tell active from dormant customers, win the lost back): each customer's
 * state from the gap since the last order against their own rhythm and P(alive), moved by orders
 * (the stream) and by time (the nightly pass) through the same `evaluate`. A valuable customer
 * leaving `active` raises a churn alert with the suggested win-back step; coming back resolves it.
 */
export class ChurnService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly alerts: AlertService;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; alerts: AlertService }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.alerts = deps.alerts;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      churn: new ChurnRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
    };
  }

  async policy({ tenantId }: TenantScope): Promise<ChurnPolicyView> {
    return readTenantPolicy(this.repositories(tenantId).churn, defaultChurnPolicy);
  }

  async putPolicy(
    { tenantId, actorId }: Actor,
    input: { policy: ChurnPolicy; expectedVersion: number },
  ): Promise<ChurnPolicyView> {
    const policy = ChurnPolicySchema.parse(input.policy);
    return replaceTenantPolicy(this.repositories(tenantId).churn, {
      policy,
      expectedVersion: input.expectedVersion,
      actorId,
      now: this.clock(),
    });
  }

  /** The stored state, or (for a customer not evaluated yet) what an evaluation would say now. */
  async file({ tenantId, customerId }: TenantScope & { customerId: string }): Promise<ChurnFile> {
    const { churn, customers } = this.repositories(tenantId);
    const [customer, stored] = await Promise.all([customers.get({ customerId }), churn.getFile(customerId)]);
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    // The stored state is what alerts and the nightly pass acted on; its figures date from the
    // last move of the state.
    if (stored) return stored;
    const { policy } = await this.policy({ tenantId });
    return this.assess(customer, policy, null, false);
  }

  /**
   * Re-assesses the customer and stores the file when the state moved, then raises or resolves
   * the churn alert from the state, so a replay or a second nightly run finds the alert already
   * there. `justOrdered`: an order has just arrived, before the next fit updates P(alive).
   * `customer`, `policy` and `previous` (the stored file, null for none) skip their reads when the
   * caller has them.
   */
  async evaluate(input: {
    tenantId: string;
    customerId: string;
    justOrdered?: boolean;
    policy?: ChurnPolicy;
    customer?: Customer;
    previous?: ChurnFile | null;
  }): Promise<ChurnFile | undefined> {
    const { churn, customers } = this.repositories(input.tenantId);
    const [customer, previous, policy] = await Promise.all([
      input.customer ?? customers.get({ customerId: input.customerId }),
      input.previous !== undefined
        ? input.previous
        : churn.getFile(input.customerId).then((file) => file ?? null),
      input.policy ?? this.policy(input).then((view) => view.policy),
    ]);
    if (!customer || customer.archivedAt || !customer.stats.lastOrderAt) return undefined;
    const next = this.assess(customer, policy, previous, input.justOrdered ?? false);
    // Written only when the state moves: an order of an active customer costs the stream no write.
    const moved = !previous || previous.state !== next.state;
    if (moved && !(await churn.saveFile(next))) {
      // A newer evaluation is stored (a later order, or the nightly pass ahead of this record): it stands.
      return churn.getFile(input.customerId);
    }
    const transition = churnTransition(previous?.state ?? null, next.state, {
      abcClass: next.abcClass,
      clvDecile: customer.scores?.clvTopDecile ? 1 : null,
    });
    if (next.state === 'active') {
      if (transition.kind === 'clear')
        await this.alerts.resolveOpen(input.tenantId, input.customerId, 'churn', BY);
    } else if (next.valuable && next.leftActiveAt) {
      // From the state, not only at the transition: a crash between the save and the alert, or a
      // customer who became valuable while drifting, still gets the alert for this episode.
      await this.alerts.raise(input.tenantId, {
        type: 'churn',
        kind: 'churn.risk.raised',
        customerId: input.customerId,
        customer,
        episode: next.leftActiveAt,
        reasons: [this.reason(next)],
        suggestion: next.suggestion,
        by: BY,
      });
    }
    return moved ? next : (previous ?? undefined);
  }

  private reason(file: ChurnFile): AlertReason {
    return {
      code: file.decidedBy === 'p_alive' ? `churn.${file.state}.p_alive` : `churn.${file.state}.gap`,
      figures: {
        state: file.state,
        daysSinceLastOrder: file.daysSinceLastOrder === null ? null : Math.round(file.daysSinceLastOrder),
        gapDays: file.gapDays === null ? null : Math.round(file.gapDays * 10) / 10,
        gapRatio: file.gapRatio === null ? null : Math.round(file.gapRatio * 100) / 100,
        pAlive: file.pAlive,
        abcClass: file.abcClass,
      },
    };
  }

  private assess(
    customer: Customer,
    policy: ChurnPolicy,
    previous: ChurnFile | null,
    justOrdered: boolean,
  ): ChurnFile {
    const now = this.clock();
    const at = now.toISOString();
    const lastOrderAt = customer.stats.lastOrderAt ?? null;
    const worth = {
      abcClass: customer.scores?.abcClass ?? null,
      clvDecile: customer.scores?.clvTopDecile ? 1 : null,
    };
    const pAlive = customer.scores?.pAlive ?? null;
    if (!lastOrderAt) {
      return {
        customerId: customer.id,
        state: 'active',
        since: customer.createdAt,
        leftActiveAt: null,
        lastOrderAt: null,
        daysSinceLastOrder: null,
        gapDays: null,
        gapRatio: null,
        pAlive,
        decidedBy: 'none',
        abcClass: worth.abcClass,
        valuable: isValuable(worth),
        suggestion: null,
        evaluatedAt: at,
      };
    }
    const daysSinceLastOrder = Math.max(0, (now.getTime() - Date.parse(lastOrderAt)) / DAY_MS);
    const assessment = assessChurn(
      { daysSinceLastOrder, meanGapDays: meanGapDays(customer), pAlive },
      policy,
      justOrdered,
    );
    const state = assessment.state;
    const stayed = previous?.state === state;
    const leftActiveAt =
      state === 'active'
        ? null
        : previous && previous.state !== 'active'
          ? (previous.leftActiveAt ?? at)
          : at;
    return {
      customerId: customer.id,
      state,
      since: stayed && previous ? previous.since : at,
      leftActiveAt,
      lastOrderAt,
      daysSinceLastOrder,
      gapDays: assessment.gapDays,
      gapRatio: assessment.gapRatio,
      pAlive,
      decidedBy: assessment.decidedBy,
      abcClass: worth.abcClass,
      valuable: isValuable(worth),
      suggestion: state === 'active' ? null : suggestWinBack(state, worth),
      evaluatedAt: at,
    };
  }
}
