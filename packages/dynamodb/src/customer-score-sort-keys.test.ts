import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerListAttributes, customerScoreSortKeys } from './keys.js';

const customer = {
  id: '01C',
  name: 'Ada',
  createdAt: '2026-01-01T00:00:00.000Z',
  stats: { orderValue: 1234 },
};

describe('customer score sort keys (gsi7 P(alive), gsi8 CLV)', () => {
  it('orders customers by P(alive) and by CLV as strings, the way the index compares them', () => {
    const scores = fc.record({
      pAlive: fc.double({ min: 0, max: 1, noNaN: true }),
      clv: fc.option(fc.integer({ min: 0, max: 10 ** 12 }), { nil: null }),
    });
    fc.assert(
      fc.property(scores, scores, (left, right) => {
        const a = customerScoreSortKeys('01A', left);
        const b = customerScoreSortKeys('01A', right);
        if (Number(left.pAlive.toFixed(6)) < Number(right.pAlive.toFixed(6)))
          expect(a.gsi7sk < b.gsi7sk).toBe(true);
        if ((left.clv ?? -1) < (right.clv ?? -1)) expect(a.gsi8sk < b.gsi8sk).toBe(true);
      }),
    );
  });

  it('puts scored customers without a CLV below every CLV', () => {
    const zero = customerScoreSortKeys('01A', { pAlive: 0, clv: 0 });
    const noClv = customerScoreSortKeys('01Z', { pAlive: 0.5, clv: null });
    expect(noClv.gsi8sk).toBe('#01Z');
    expect(noClv.gsi8sk < zero.gsi8sk).toBe(true);
    expect(customerScoreSortKeys('01A', { pAlive: 0.25, clv: 1999.6 })).toEqual({
      gsi7sk: '0.250000#01A',
      gsi8sk: '0000000000002000#01A',
    });
  });

  it('puts scored customers only in the score orders, in their list partition', () => {
    const plain = customerListAttributes('01T', customer);
    expect(Object.keys(plain).filter((name) => /^gsi[78]/.test(name))).toEqual([]);
    const archived = customerListAttributes('01T', {
      ...customer,
      archivedAt: '2026-02-01T00:00:00.000Z',
      scores: { pAlive: 1, clv: 10 },
    });
    expect(archived.gsi7pk).toBe(archived.gsi4pk);
    expect(archived.gsi8pk).toBe(archived.gsi4pk);
    expect(archived.gsi7pk).toMatch(/#CUSTOMERS#ARCHIVED#/);
    expect(archived.gsi7sk).toBe('1.000000#01C');
    expect(archived.gsi8sk).toBe('0000000000000010#01C');
  });
});
