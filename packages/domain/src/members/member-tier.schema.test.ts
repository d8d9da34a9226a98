import { describe, expect, it } from 'vitest';
import { defaultMemberTierPolicy, isUpgrade, MemberTierPolicySchema, tierFor } from './member-tier.schema.js';

const policy = defaultMemberTierPolicy;

describe('member tiers', () => {
  it('gives the highest tier whose value and frequency both hold', () => {
    expect(tierFor(policy, { monetary: 0, clv: null, recentOrders: 0 })).toBe('customer');
    // ¥1,000 exactly and 2 orders: member; ¥10,000 but only 5 orders: still member.
    expect(tierFor(policy, { monetary: 100_000, clv: null, recentOrders: 2 })).toBe('member');
    expect(tierFor(policy, { monetary: 1_000_000, clv: null, recentOrders: 5 })).toBe('member');
    expect(tierFor(policy, { monetary: 1_000_000, clv: null, recentOrders: 6 })).toBe('advocate');
    // Value without frequency is not enough.
    expect(tierFor(policy, { monetary: 5_000_000, clv: null, recentOrders: 1 })).toBe('customer');
  });

  it('measures value on CLV when the programme says so, and no CLV meets no value condition', () => {
    const onClv = { ...policy, valueBasis: 'clv' as const };
    expect(tierFor(onClv, { monetary: 5_000_000, clv: null, recentOrders: 9 })).toBe('customer');
    expect(tierFor(onClv, { monetary: 0, clv: 120_000, recentOrders: 2 })).toBe('member');
  });

  it('only ever moves up', () => {
    expect(isUpgrade(policy, undefined, 'member')).toBe(true);
    expect(isUpgrade(policy, 'member', 'advocate')).toBe(true);
    expect(isUpgrade(policy, 'advocate', 'member')).toBe(false);
    expect(isUpgrade(policy, 'member', 'member')).toBe(false);
    expect(isUpgrade(policy, undefined, 'customer')).toBe(false);
  });

  it('refuses a programme whose first tier has conditions, or whose thresholds go down', () => {
    const result = MemberTierPolicySchema.safeParse({
      ...policy,
      tiers: [
        { ...policy.tiers[0], minOrders: 1 },
        { ...policy.tiers[1], key: 'member' },
        { ...policy.tiers[2], key: 'member', minValue: 1 },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tiers.0.minValue', 'tiers.2.key', 'tiers.2.minValue']));
  });
});
