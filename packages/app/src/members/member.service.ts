import {
  type Customer,
  defaultMemberTierPolicy,
  isUpgrade,
  type MemberTierChange,
  type MemberTierPolicy,
  tierFor,
} from '@crm/domain';
import { CustomerRepository, MemberRepository, type TenantClientFactory } from '@crm/dynamodb';
import { TaskService } from '../tasks/tasks.service.js';
import { readTenantPolicy, replaceTenantPolicy, type TenantPolicyView } from '../tenant-policy.js';

const DAY_MS = 86_400_000;

export type MemberTierPolicyView = TenantPolicyView<MemberTierPolicy>;

/**
 * The member programme (会员, DOMAIN.md §9): the tenant's tier rules (versioned; the default until an
 * admin saves some) and the evaluation that moves a customer up a tier, raising
 * `member.tier_changed` (the change record) and a care task for the owner. Tiers only go up.
 */
export class MemberService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private repository(tenantId: string) {
    return new MemberRepository(this.tenantClient(tenantId), tenantId);
  }

  async policy({ tenantId }: { tenantId: string }): Promise<MemberTierPolicyView> {
    return readTenantPolicy(this.repository(tenantId), defaultMemberTierPolicy);
  }

  /**
   * The customer-list filter for one tier: customers without a tier hold the lowest one, so they
   * match it. A key the programme no longer names still matches the customers that reached it.
   */
  async tierFilter({ tenantId, key }: { tenantId: string; key: string }) {
    const { policy } = await this.policy({ tenantId });
    return { key, isLowest: policy.tiers[0]?.key === key };
  }

  /** Replaces the rules at `expectedVersion` (0 for the first save); 409 when stale. */
  async putPolicy(
    { tenantId, actorId }: { tenantId: string; actorId: string },
    input: { policy: MemberTierPolicy; expectedVersion: number },
  ): Promise<MemberTierPolicyView> {
    return replaceTenantPolicy(this.repository(tenantId), {
      policy: input.policy,
      expectedVersion: input.expectedVersion,
      actorId,
      now: this.clock(),
    });
  }

  /**
   * Applies the rules to one customer as stored now; when they reach a higher tier, writes it
   * (conditional on the tier read, so two evaluations racing upgrade once) and raises the care
   * task. Returns the change, or undefined when nothing moved. Safe to repeat: a second run finds
   * the tier already reached.
   */
  async evaluate(input: {
    tenantId: string;
    customerId: string;
    customer?: Customer;
    policy?: MemberTierPolicy;
  }): Promise<MemberTierChange | undefined> {
    const { tenantId, customerId } = input;
    const client = this.tenantClient(tenantId);
    const customer = input.customer ?? (await new CustomerRepository(client, tenantId).get({ customerId }));
    if (!customer || customer.archivedAt) return undefined;
    const policy = input.policy ?? (await this.policy({ tenantId })).policy;
    const now = this.clock();
    const since = new Date(now.getTime() - policy.windowDays * DAY_MS).toISOString();
    const repository = this.repository(tenantId);
    const figures = {
      monetary: customer.stats.orderValue,
      clv: customer.scores?.clv ?? null,
      recentOrders: await repository.countOrdersSince(customerId, since),
    };
    const reached = tierFor(policy, figures);
    if (!isUpgrade(policy, customer.memberTier, reached)) return undefined;
    const changedAt = now.toISOString();
    const change: MemberTierChange = {
      id: `${customerId}#${changedAt}#${reached}`,
      customerId,
      from: customer.memberTier ?? null,
      to: reached,
      figures,
      valueBasis: policy.valueBasis,
      windowDays: policy.windowDays,
      changedAt,
    };
    if (!(await repository.upgrade(change))) return undefined;
    const tier = policy.tiers.find((each) => each.key === reached);
    await new TaskService({ tenantClient: this.tenantClient, clock: this.clock }).raise(tenantId, {
      kind: 'member_upgrade',
      customerId,
      customer,
      dueOn: changedAt.slice(0, 10),
      ref: reached,
      // One task per tier reached: a replay (or a later evaluation) finds it instead of adding one.
      key: reached,
      details: {
        tierName: tier?.name.en ?? reached,
        tierNameZh: tier?.name.zh ?? reached,
        from: change.from,
      },
    });
    return change;
  }

  /** The nightly pass: every live customer of the tenant (CLV moves with the refit, windows with time). */
  async evaluateAll({ tenantId }: { tenantId: string }): Promise<{ customers: number; upgraded: number }> {
    const policy = (await this.policy({ tenantId })).policy;
    let customers = 0;
    let upgraded = 0;
    for await (const page of new CustomerRepository(
      this.tenantClient(tenantId),
      tenantId,
    ).liveCustomerPages()) {
      for (const customer of page) {
        customers += 1;
        if (await this.evaluate({ tenantId, customerId: customer.id, customer, policy })) upgraded += 1;
      }
    }
    return { customers, upgraded };
  }
}
