import { createHash } from 'node:crypto';

/**
 * Whether the customer is in the campaign's hold-out group (对照组): a draw seeded by the campaign
 * and the customer, so a re-run, a resumed send or a results read picks exactly the same customers,
 * and the draw of one campaign says nothing about another's. The first 8 bytes of
 * SHA-256("campaignId:customerId") as a fraction in [0, 1), compared with the percentage.
 *
 * @example
 * inHoldout({ campaignId, customerId, holdoutPercent: 10 }) // true for about 1 customer in 10
 */
export function inHoldout(input: {
  campaignId: string;
  customerId: string;
  holdoutPercent: number;
}): boolean {
  if (input.holdoutPercent <= 0) return false;
  return holdoutDraw(input.campaignId, input.customerId) < input.holdoutPercent / 100;
}

/** The seeded uniform draw in [0, 1) behind inHoldout. */
export function holdoutDraw(campaignId: string, customerId: string): number {
  const digest = createHash('sha256').update(`${campaignId}:${customerId}`).digest();
  // 53 bits: as many as a double holds exactly.
  return Number(digest.readBigUInt64BE(0) >> 11n) / 2 ** 53;
}
