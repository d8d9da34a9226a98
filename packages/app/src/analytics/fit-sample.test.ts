import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dayNumber, fitBgNbd, summarizeTransactions } from '@crm/analytics';
import type { OrderFact } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { FIT_SAMPLE_SEED, sampleCutoff, sampleRank } from './fit-sample.js';
import { decodePages, encodePage } from './refit-pages.js';
import { transactionsOf } from './tenant-model.js';

const cdnowMaster = fileURLToPath(
  new URL('../../../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url),
);
/** The calibration end of Fader, Hardie & Lee (2005): 39 weeks after 1997-01-01. */
const cutoffDay = dayNumber('1997-09-30T00:00:00.000Z');

/** CDNOW's 23,570 customers as a refit stores them: pages of 200, one buyer per customer. */
function cdnowPages(): string[] {
  const orders = new Map<string, OrderFact[]>();
  for (const line of readFileSync(cdnowMaster, 'utf8').split('\n')) {
    const [id, date, , dollars] = line.trim().split(/\s+/);
    if (!id || !date || !/^\d{8}$/.test(date) || dollars === undefined) continue;
    const occurredAt = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T00:00:00.000Z`;
    const list = orders.get(id) ?? [];
    list.push({ occurredAt, amount: Math.round(Number(dollars) * 100), currency: 'USD' });
    orders.set(id, list);
  }
  const customers = [...orders].map(([id, list]) => ({
    id,
    stats: { orderValue: list.reduce((sum, order) => sum + order.amount, 0) },
  }));
  const pages: string[] = [];
  for (let at = 0; at < customers.length; at += 200) {
    pages.push(encodePage(customers.slice(at, at + 200) as never, orders, 'USD'));
  }
  return pages;
}

function bgNbdOf(decoded: ReturnType<typeof decodePages>) {
  const transactions = [...decoded.ordersByCustomer].flatMap(([id, list]) => transactionsOf(id, list, 'USD'));
  return fitBgNbd(summarizeTransactions(transactions, { cutoffDay })).params;
}

describe('the refit fit sample (issue 21)', () => {
  it('ranks a customer the same way every time, and differently under another seed', () => {
    expect(sampleRank('01HZX')).toBe(sampleRank('01HZX', FIT_SAMPLE_SEED));
    expect(sampleRank('01HZX')).not.toBe(sampleRank('01HZX', 'another seed'));
    expect(sampleRank('01HZX')).toBeGreaterThanOrEqual(0);
    expect(sampleRank('01HZX')).toBeLessThan(2 ** 48);
  });

  it('keeps at most the limit, even when ranks tie at the edge', () => {
    expect(sampleCutoff(Float64Array.of(5, 1, 9, 3), 2)).toBe(3);
    expect(sampleCutoff(Float64Array.of(5, 1, 9), 3)).toBeUndefined();
    // 1 and 3 fit, the two 4s together would make 4 > 3: both are left out.
    const ranks = Float64Array.of(4, 1, 4, 3, 8);
    const cutoff = sampleCutoff(ranks, 3) as number;
    expect(ranks.filter((rank) => rank <= cutoff)).toHaveLength(2);
  });

  const pages = cdnowPages();
  const full = decodePages(pages, 'USD');
  const sampled = decodePages(pages, 'USD', 5_000);

  it('fits on at most the limit of buyers, the same ones whatever the page order', () => {
    expect(full.sample).toBeUndefined();
    expect(full.ordersByCustomer.size).toBe(23_570);
    expect(sampled.sample).toEqual({ customers: 5_000, of: 23_570 });
    expect(sampled.customers).toHaveLength(5_000);
    // Everyone's value counts in the deciles, sampled or not.
    expect(sampled.orderValues).toHaveLength(23_570);
    const reversed = decodePages([...pages].reverse(), 'USD', 5_000);
    expect([...reversed.ordersByCustomer.keys()].sort()).toEqual([...sampled.ordersByCustomer.keys()].sort());
  });

  it('gives BG/NBD parameters close to the full fit’s on CDNOW (5,000 of 23,570 buyers)', () => {
    const whole = bgNbdOf(full);
    const part = bgNbdOf(sampled);
    // All 23,570, 39-week calibration: r ≈ 0.252, α ≈ 4.79, a ≈ 0.72, b ≈ 2.16 (the paper's 1/10
    // sample gave 0.243, 4.41, 0.79, 2.43). Stated tolerance: r and α within 10 %; a and b, weakly
    // identified (a wide, correlated likelihood ridge), within 25 %; the mean purchase rate r/α
    // within 10 % (about 3 standard errors of a mean rate over 5,000 buyers). Observed with this
    // seed: r 0.6 %, α 6.2 %, a 6.2 %, b 8.3 %, r/α 5.3 %.
    const relative = (p: number, q: number) => Math.abs(p - q) / q;
    expect(relative(part.r, whole.r)).toBeLessThan(0.1);
    expect(relative(part.alpha, whole.alpha)).toBeLessThan(0.1);
    expect(relative(part.a, whole.a)).toBeLessThan(0.25);
    expect(relative(part.b, whole.b)).toBeLessThan(0.25);
    expect(relative(part.r / part.alpha, whole.r / whole.alpha)).toBeLessThan(0.1);
  });
});
