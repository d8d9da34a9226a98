import type { ModelFit } from './create-refit.js';

export type PurchaseModelName = NonNullable<ModelFit['purchaseModel']>['model'];

/** The models' names as the papers write them. */
export const PURCHASE_MODEL_NAMES: Record<PurchaseModelName, string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  bgcnbd: 'BG/CNBD-k',
  mbgcnbd: 'MBG/CNBD-k',
  paretonbd: 'Pareto/NBD',
};

/** "MBG/CNBD-k (k = 3)"; the plain name when k is 1 or not fixed. */
export function purchaseModelLabel(model: PurchaseModelName, k: number | null | undefined): string {
  return k !== null && k !== undefined && k > 1
    ? `${PURCHASE_MODEL_NAMES[model]} (k = ${k})`
    : PURCHASE_MODEL_NAMES[model];
}
