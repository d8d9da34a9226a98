import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_LIST_SHARD_COUNTS,
  customerIndexAttributes,
  customerListPartition,
  customerLookupIndex,
  customerLookupPartition,
  customerScoreSortKeys,
  customerShard,
  customerSortIndex,
  customerStatsSortKeys,
  everyCustomerListPartition,
  isCustomerListShardCount,
  LEGACY_CUSTOMER_LIST_SHARDS,
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
    const plain = customerIndexAttributes('01T', customer, 4);
    expect(Object.keys(plain).filter((name) => /^gsi[78]/.test(name))).toEqual([]);
    const archived = customerIndexAttributes(
      '01T',
      {
        ...customer,
        archivedAt: '2026-02-01T00:00:00.000Z',
        scores: { pAlive: 1, clv: 10 },
      },
      4,
    );
    expect(archived.gsi7pk).toBe(archived.gsi4pk);
    expect(archived.gsi8pk).toBe(archived.gsi4pk);
    expect(archived.gsi7pk).toMatch(/#CUSTOMERS#ARCHIVED#/);
    expect(archived.gsi7sk).toBe('1.000000#01C');
    expect(archived.gsi8sk).toBe('0000000000000010#01C');
  });
});

describe('customer index keys', () => {
  it('spreads customers over the shards by a fixed hash of the id', () => {
    // Stored index keys carry the shard: changing the hash moves every customer.
    const ids = ['01C', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'A', 'B'];
    expect(ids.map((id) => customerShard(id, 4))).toEqual([3, 0, 0, 1]);
    expect(ids.map((id) => customerShard(id, 1))).toEqual([0, 0, 0, 0]);
    expect(ids.map((id) => customerShard(id, 16))).toEqual([
      customerShard('01C', 16),
      customerShard('01ARZ3NDEKTSV4RRFFQ69G5FAV', 16),
      customerShard('A', 16),
      customerShard('B', 16),
    ]);
  });

  it('grows through 1, 4 and 16 shards; a tenant without a recorded layout has 4', () => {
    // The customers written before counts were per tenant all have 4: the default must say so.
    expect(CUSTOMER_LIST_SHARD_COUNTS).toEqual([1, 4, 16]);
    expect(LEGACY_CUSTOMER_LIST_SHARDS).toBe(4);
    expect([1, 4, 16].every(isCustomerListShardCount)).toBe(true);
    expect([0, 2, 8, 32, '4', null].some(isCustomerListShardCount)).toBe(false);
  });

  it("puts a customer's shard under a larger count in the same shard modulo the smaller count", () => {
    // What lets a grow begin without a dual write: the old layout's partitions are the new one's.
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (id) => {
        for (const [smaller, larger] of [
          [1, 4],
          [4, 16],
        ] as const) {
          expect(customerShard(id, larger) % smaller).toBe(customerShard(id, smaller));
          expect(customerShard(id, larger)).toBeLessThan(larger);
        }
      }),
    );
  });

  it('lists every list partition of every count, the legacy 4 live and 4 archived first', () => {
    const partitions = everyCustomerListPartition('01T');
    expect(partitions).toHaveLength(32);
    expect(new Set(partitions).size).toBe(32);
    expect(partitions.slice(0, 8)).toEqual([
      'T#01T#CUSTOMERS#LIVE#0',
      'T#01T#CUSTOMERS#LIVE#1',
      'T#01T#CUSTOMERS#LIVE#2',
      'T#01T#CUSTOMERS#LIVE#3',
      'T#01T#CUSTOMERS#ARCHIVED#0',
      'T#01T#CUSTOMERS#ARCHIVED#1',
      'T#01T#CUSTOMERS#ARCHIVED#2',
      'T#01T#CUSTOMERS#ARCHIVED#3',
    ]);
    expect(partitions[8]).toBe('T#01T#CUSTOMERS#LIVE#4');
    expect(partitions[31]).toBe('T#01T#CUSTOMERS#ARCHIVED#15');
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

  it('puts every customer of a tenant with one shard in shard 0', () => {
    const attributes = customerIndexAttributes(
      '01T',
      { ...customer, email: 'a@b', phone: '1', scores: { pAlive: 1, clv: 1 } },
      1,
    );
    const partitions = Object.entries(attributes).filter(([name]) => name.endsWith('pk'));
    expect(Object.fromEntries(partitions)).toEqual({
      gsi1pk: 'T#01T#CUSTOMERS#LIVE#0',
      gsi2pk: 'T#01T#CUSTOMERS#LIVE#0',
      gsi3pk: 'T#01T#CUSTOMERS#LIVE#0',
      gsi4pk: 'T#01T#CUSTOMERS#LIVE#0',
      gsi5pk: 'T#01T#CUSTOMEREMAIL#0',
      gsi6pk: 'T#01T#CUSTOMERPHONE#0',
      gsi7pk: 'T#01T#CUSTOMERS#LIVE#0',
      gsi8pk: 'T#01T#CUSTOMERS#LIVE#0',
    });
  });

  it('builds every index attribute of a scored customer with an e-mail and a phone', () => {
    const attributes = customerIndexAttributes(
      '01T',
      {
        id: '01C',
        name: ' Ａｄａ Lovelace ',
        createdAt: '2026-01-01T00:00:00.000Z',
        email: 'Ada@Example.com',
        phone: '+86 (10) 1234-5678',
        stats: { orderValue: 1234, lastInteractionAt: '2026-02-01T00:00:00.000Z' },
        scores: { pAlive: 0.5, clv: 99 },
      },
      4,
    );

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
        fc.constantFrom(...CUSTOMER_LIST_SHARD_COUNTS),
        (tenantA, tenantB, id, archived, shards) => {
          fc.pre(tenantA !== tenantB);
          const attributes = customerIndexAttributes(
            tenantA,
            {
              id,
              name: id,
              createdAt: '2026-01-01T00:00:00.000Z',
              email: `${id}@x`,
              phone: '123456',
              stats: { orderValue: 1 },
              scores: { pAlive: 1, clv: null },
              ...(archived ? { archivedAt: '2026-01-02T00:00:00.000Z' } : {}),
            },
            shards,
          );
          const partitions = Object.entries(attributes).filter(([name]) => name.endsWith('pk'));
          expect(partitions).toHaveLength(8);
          for (const [, partition] of partitions) {
            expect(partition.startsWith(tenantKeyPrefix(tenantA))).toBe(true);
            expect(partition.startsWith(tenantKeyPrefix(tenantB))).toBe(false);
            expect(partition.endsWith(`#${customerShard(id, shards)}`)).toBe(true);
          }
          expect(customerShard(id, shards)).toBeGreaterThanOrEqual(0);
          expect(customerShard(id, shards)).toBeLessThan(shards);
        },
      ),
    );
  });
});
