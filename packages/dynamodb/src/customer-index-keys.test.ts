import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_LIST_SHARDS,
  customerIndexAttributes,
  customerListPartition,
  customerLookupIndex,
  customerLookupPartition,
  customerScoreSortKeys,
  customerShard,
  customerSortIndex,
  customerStatsSortKeys,
  nameSortKey,
  phoneSearchKey,
} from './customer-index-keys.js';
import { tenantKeyPrefix } from './keys.js';

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
    const plain = customerIndexAttributes('01T', customer);
    expect(Object.keys(plain).filter((name) => /^gsi[78]/.test(name))).toEqual([]);
    const archived = customerIndexAttributes('01T', {
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

describe('customer index keys', () => {
  it('spreads customers over four list shards by a fixed hash of the id', () => {
    // Stored index keys carry the shard: changing the hash or the count moves every customer.
    expect(CUSTOMER_LIST_SHARDS).toBe(4);
    expect(['01C', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'A', 'B'].map(customerShard)).toEqual([3, 0, 0, 1]);
  });

  it('builds the exact list and lookup partitions', () => {
    expect(customerListPartition('01T', false, 0)).toBe('T#01T#CUSTOMERS#LIVE#0');
    expect(customerListPartition('01T', true, 3)).toBe('T#01T#CUSTOMERS#ARCHIVED#3');
    expect(customerLookupPartition('01T', 'EMAIL', 1)).toBe('T#01T#CUSTOMEREMAIL#1');
    expect(customerLookupPartition('01T', 'PHONE', 2)).toBe('T#01T#CUSTOMERPHONE#2');
  });

  it('names the index of each sort and lookup', () => {
    expect(customerSortIndex).toEqual({
      name: 'gsi1',
      createdAt: 'gsi2',
      lastInteractionAt: 'gsi3',
      value: 'gsi4',
      pAlive: 'gsi7',
      clv: 'gsi8',
    });
    expect(customerLookupIndex).toEqual({ EMAIL: 'gsi5', PHONE: 'gsi6' });
  });

  it('normalises the name, e-mail and phone the way they are sorted and searched', () => {
    expect(nameSortKey(' Ａｄａ Lovelace ')).toBe('ada lovelace');
    expect(phoneSearchKey('+86 (10) 1234-5678')).toBe('861012345678');
  });

  it('builds the exact sort keys of the figures orders; a customer without interactions sorts first', () => {
    expect(
      customerStatsSortKeys('01C', { orderValue: 1234, lastInteractionAt: '2026-02-01T00:00:00.000Z' }),
    ).toEqual({
      gsi3sk: '2026-02-01T00:00:00.000Z#01C',
      gsi4sk: '0000000000001234#01C',
    });
    expect(customerStatsSortKeys('01C', { orderValue: 0 })).toEqual({
      gsi3sk: '0#01C',
      gsi4sk: '0000000000000000#01C',
    });
  });

  it('builds every index attribute of a scored customer with an e-mail and a phone', () => {
    const attributes = customerIndexAttributes('01T', {
      id: '01C',
      name: ' Ａｄａ Lovelace ',
      createdAt: '2026-01-01T00:00:00.000Z',
      email: 'Ada@Example.com',
      phone: '+86 (10) 1234-5678',
      stats: { orderValue: 1234, lastInteractionAt: '2026-02-01T00:00:00.000Z' },
      scores: { pAlive: 0.5, clv: 99 },
    });

    expect(attributes).toEqual({
      gsi1pk: 'T#01T#CUSTOMERS#LIVE#3',
      gsi1sk: 'ada lovelace#01C',
      gsi2pk: 'T#01T#CUSTOMERS#LIVE#3',
      gsi2sk: '2026-01-01T00:00:00.000Z#01C',
      gsi3pk: 'T#01T#CUSTOMERS#LIVE#3',
      gsi3sk: '2026-02-01T00:00:00.000Z#01C',
      gsi4pk: 'T#01T#CUSTOMERS#LIVE#3',
      gsi4sk: '0000000000001234#01C',
      gsi5pk: 'T#01T#CUSTOMEREMAIL#3',
      gsi5sk: 'ada@example.com#01C',
      gsi6pk: 'T#01T#CUSTOMERPHONE#3',
      gsi6sk: '861012345678#01C',
      gsi7pk: 'T#01T#CUSTOMERS#LIVE#3',
      gsi7sk: '0.500000#01C',
      gsi8pk: 'T#01T#CUSTOMERS#LIVE#3',
      gsi8sk: '0000000000000099#01C',
    });
  });

  it("puts every customer's index partitions in its own tenant and one of the shards", () => {
    const tenantIds = fc.stringMatching(/^[0-9A-Z]{1,26}$/);
    fc.assert(
      fc.property(
        tenantIds,
        tenantIds,
        fc.stringMatching(/^[0-9A-Z]{1,26}$/),
        fc.boolean(),
        (tenantA, tenantB, id, archived) => {
          fc.pre(tenantA !== tenantB);
          const attributes = customerIndexAttributes(tenantA, {
            id,
            name: id,
            createdAt: '2026-01-01T00:00:00.000Z',
            email: `${id}@x`,
            phone: '123456',
            stats: { orderValue: 1 },
            scores: { pAlive: 1, clv: null },
            ...(archived ? { archivedAt: '2026-01-02T00:00:00.000Z' } : {}),
          });
          const partitions = Object.entries(attributes).filter(([name]) => name.endsWith('pk'));
          expect(partitions).toHaveLength(8);
          for (const [, partition] of partitions) {
            expect(partition.startsWith(tenantKeyPrefix(tenantA))).toBe(true);
            expect(partition.startsWith(tenantKeyPrefix(tenantB))).toBe(false);
            expect(partition.endsWith(`#${customerShard(id)}`)).toBe(true);
          }
          expect(customerShard(id)).toBeGreaterThanOrEqual(0);
          expect(customerShard(id)).toBeLessThan(CUSTOMER_LIST_SHARDS);
        },
      ),
    );
  });
});
