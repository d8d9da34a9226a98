import { customerListPartition } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { itemBytes, readUnits, writeUnits } from '../../bench/scale/item-size.js';
import { kindOf, PartitionMeter, replay } from '../../bench/scale/partition-meter.js';

// The scale simulation's arithmetic (npm run bench -- scale-simulation; docs/scaling.md cites it).
describe('DynamoDB item size as the simulation counts it', () => {
  it('counts attribute names and UTF-8 string bytes', () => {
    // "客户" is 6 bytes in UTF-8; the name is 4.
    expect(itemBytes({ name: '客户' })).toBe(10);
    expect(itemBytes({ a: 'x', b: true, c: null })).toBe(1 + 1 + 1 + 1 + 1 + 1);
  });

  it('charges a map 3 bytes plus one per element, and a number by its significant digits', () => {
    expect(itemBytes({ m: { k: 'v' } })).toBe(1 + 3 + 1 + 1 + 1);
    // 12345 has 5 significant digits: 3 bytes + 1.
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemBytes({ n: 1000 })).toBe(1 + 2);
  });

  it('bills a write per started KB, twice in a transaction, and a read per started 4 KB', () => {
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(writeUnits(300, true)).toBe(2);
    expect(readUnits(4097)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
  });
});

describe('the partition meter', () => {
  it('sums a key within a second, keeps the busiest second per kind, and counts seconds over the limit', () => {
    const meter = new PartitionMeter();
    const shard = customerListPartition('01JTENANT0000000000000000A', false, 2);
    const seconds = [
      [600, 500],
      [100, 100],
    ];
    replay(
      meter,
      [
        {
          name: 'burst',
          group: 'night',
          start: 10,
          steps: (function* () {
            for (const writes of seconds) {
              for (const wcu of writes) meter.charge('gsi7', shard, wcu);
              yield;
            }
          })(),
        },
      ],
      ['night'],
    );

    const [peak] = meter.peaks();
    expect(peak).toMatchObject({
      during: 'night',
      kind: 'gsi7 T#<t>#CUSTOMERS#LIVE#<n>',
      peakWcu: 1100,
      peakWcuAt: 10,
      peakWcuKey: shard,
      totalWcu: 1300,
      secondsOverLimit: 1,
    });
  });

  it('names a kind without its tenant, ids and numbers', () => {
    expect(kindOf('table', 'T#01JTENANT0000000000000000A#C#01JCUST00000000000000000AB')).toBe(
      'table T#<t>#C#<id>',
    );
    expect(kindOf('gsi2', 'P#CAMPAIGNSENDS')).toBe('gsi2 P#CAMPAIGNSENDS');
  });
});
