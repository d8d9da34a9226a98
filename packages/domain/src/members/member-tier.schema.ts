import { z } from 'zod';
import { MAX_MONEY_TOTAL } from '../money.js';

/** What a tier's value threshold is measured on: the monetary total of orders, or the model's CLV. */
export const memberValueBases = ['monetary', 'clv'] as const;

const Name = z.string().trim().min(1, 'must not be empty').max(50);
const TierKey = z
  .string()
  .max(30)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case, e.g. gold_member');

export const MemberTierSchema = z
  .strictObject({
    key: TierKey,
    name: z.strictObject({ en: Name, zh: Name }),
    /** Reached at this value or more (minor units of the tenant's currency); 0: no value condition. */
    minValue: z.number().int('must be whole minor units').min(0).max(MAX_MONEY_TOTAL),
    /** And at least this many orders within the policy's window; 0: no frequency condition. */
    minOrders: z.number().int().min(0).max(100_000),
  })
  .meta({ id: 'MemberTier' });
export type MemberTier = z.infer<typeof MemberTierSchema>;

/**
 * The tenant's member programme (会员, DOMAIN.md §9: customer → member → advocate): tiers from the
 * lowest, which every customer holds, up; a customer is upgraded to the highest tier whose value
 * and frequency conditions both hold.
 */
export const MemberTierPolicySchema = z
  .strictObject({
    valueBasis: z.enum(memberValueBases),
    /** Orders in the last this-many days count towards `minOrders`. */
    windowDays: z.number().int().min(1).max(3650),
    tiers: z
      .array(MemberTierSchema)
      .min(2, 'needs at least two tiers')
      .max(10)
      .superRefine((tiers, context) => {
        const seen = new Set<string>();
        for (const [index, tier] of tiers.entries()) {
          if (seen.has(tier.key))
            context.addIssue({ code: 'custom', path: [index, 'key'], message: 'must not repeat' });
          seen.add(tier.key);
          const below = tiers[index - 1];
          if (index === 0 && (tier.minValue !== 0 || tier.minOrders !== 0)) {
            context.addIssue({
              code: 'custom',
              path: [0, 'minValue'],
              message: 'the first tier is everyone’s: 0 and 0',
            });
          }
          if (below && tier.minValue < below.minValue) {
            context.addIssue({
              code: 'custom',
              path: [index, 'minValue'],
              message: 'must not be below the tier under it',
            });
          }
          if (below && tier.minOrders < below.minOrders) {
            context.addIssue({
              code: 'custom',
              path: [index, 'minOrders'],
              message: 'must not be below the tier under it',
            });
          }
        }
      }),
  })
  .meta({ id: 'MemberTierPolicy' });
export type MemberTierPolicy = z.infer<typeof MemberTierPolicySchema>;

/** The default programme: customer (everyone), member (¥1,000 and 2 orders a year), advocate (¥10,000 and 6). */
export const defaultMemberTierPolicy: MemberTierPolicy = {
  valueBasis: 'monetary',
  windowDays: 365,
  tiers: [
    { key: 'customer', name: { en: 'Customer', zh: '客户' }, minValue: 0, minOrders: 0 },
    { key: 'member', name: { en: 'Member', zh: '会员' }, minValue: 100_000, minOrders: 2 },
    { key: 'advocate', name: { en: 'Advocate', zh: '推荐者' }, minValue: 1_000_000, minOrders: 6 },
  ],
};

/** What the rules are applied to, for one customer. */
export type MemberFigures = { monetary: number; clv: number | null; recentOrders: number };

/**
 * The highest tier whose conditions the figures meet (the first tier when none above is met). A
 * CLV basis without a CLV yet (no model fit) meets no value condition above 0.
 *
 * @example
 * tierFor(defaultMemberTierPolicy, { monetary: 150_000, clv: null, recentOrders: 3 }) // 'member'
 */
export function tierFor(policy: MemberTierPolicy, figures: MemberFigures): string {
  const value = policy.valueBasis === 'monetary' ? figures.monetary : figures.clv;
  let reached = policy.tiers[0]?.key ?? '';
  for (const tier of policy.tiers) {
    const valueMet = tier.minValue === 0 || (value !== null && value >= tier.minValue);
    if (valueMet && figures.recentOrders >= tier.minOrders) reached = tier.key;
  }
  return reached;
}

/**
 * Whether `next` is above `current` in the policy: tiers only go up (a tier once earned is kept;
 * an admin's programme decides upgrades, not reversals). A tier the policy no longer has counts
 * as the lowest.
 */
export function isUpgrade(policy: MemberTierPolicy, current: string | undefined, next: string): boolean {
  const rank = (key: string | undefined) => policy.tiers.findIndex((tier) => tier.key === key);
  return rank(next) > Math.max(0, rank(current));
}

/** A tier change as recorded in the customer's partition: what `member.tier_changed` carries. */
export const MemberTierChangeSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    figures: z.object({ monetary: z.number(), clv: z.number().nullable(), recentOrders: z.number().int() }),
    valueBasis: z.enum(memberValueBases),
    windowDays: z.number().int(),
    changedAt: z.string(),
  })
  .meta({ id: 'MemberTierChange' });
export type MemberTierChange = z.infer<typeof MemberTierChangeSchema>;
