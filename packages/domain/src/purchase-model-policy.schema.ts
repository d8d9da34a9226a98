import { z } from 'zod';

/** What an admin can pin: `auto` leaves the choice to the holdout comparison (issue 13). */
export const pinnablePurchaseModels = ['auto', 'bgnbd', 'mbgnbd', 'bgcnbd', 'mbgcnbd', 'paretonbd'] as const;

/**
 * The tenant's purchase-model policy (admin; versioned): which model gives the scores. A pin
 * overrides the holdout comparison, which still runs so the analytics screen can show how the
 * pinned model fares; `k` fixes the Erlang shape of BG/CNBD-k or MBG/CNBD-k (null: by likelihood).
 */
export const PurchaseModelPolicySchema = z
  .strictObject({
    model: z.enum(pinnablePurchaseModels),
    k: z.number().int().min(1).max(12).nullable(),
  })
  .superRefine((policy, context) => {
    if (policy.k !== null && policy.model !== 'bgcnbd' && policy.model !== 'mbgcnbd') {
      context.addIssue({
        code: 'custom',
        path: ['k'],
        message: 'k can be fixed for bgcnbd and mbgcnbd only; use null',
      });
    }
  })
  .meta({ id: 'PurchaseModelPolicy' });
export type PurchaseModelPolicy = z.infer<typeof PurchaseModelPolicySchema>;

export const defaultPurchaseModelPolicy: PurchaseModelPolicy = { model: 'auto', k: null };
