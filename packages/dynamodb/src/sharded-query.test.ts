import { DomainError } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { cursorStart, decodeCursor, encodeCursor, positionsFromBoundary } from './sharded-query.js';

const prefix = 'T#01T#';
const position = (id: string) => ({ pk: `${prefix}C#${id}`, sk: 'CUSTOMER', indexSk: `2026-01-01#${id}` });
const decode = (cursor: string) =>
  decodeCursor(cursor, {
    queryFingerprint: 'q',
    partitionPrefix: prefix,
    shardCounts: [1, 4, 16],
    legacyShards: 4,
  });
const legacyCursor = (positions: unknown[]) =>
  Buffer.from(JSON.stringify({ v: 1, q: 'q', p: positions })).toString('base64url');

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('validation_failed');
    return (error as DomainError).message;
  }
  throw new Error('not refused');
}

describe('list cursors and shard counts', () => {
  it('carries the shard count of its positions and the boundary of its page', () => {
    const cursor = encodeCursor([position('A'), 'done', null, position('B')], 'q', position('B'));
    expect(decode(cursor)).toEqual({
      positions: [position('A'), 'done', null, position('B')],
      shards: 4,
      boundary: position('B'),
      moving: false,
    });
  });

  it('reads a cursor made before counts were per tenant as one of 4 shards without a boundary', () => {
    const decoded = decode(legacyCursor([position('A'), null, 'done', null]));
    expect(decoded).toMatchObject({ shards: 4, boundary: undefined });
  });

  it('refuses a count that is not a layout, a count its positions disagree with, or a boundary of another tenant', () => {
    const forged = (body: object) =>
      Buffer.from(JSON.stringify({ v: 1, q: 'q', ...body })).toString('base64url');
    expect(refusal(() => decode(forged({ p: [null, null], n: 2 })))).toMatch(/not a cursor this API issued/);
    expect(refusal(() => decode(forged({ p: [null], n: 4 })))).toMatch(/not a cursor this API issued/);
    expect(
      refusal(() => decode(forged({ p: [null], n: 1, b: { ...position('A'), pk: 'T#02T#C#A' } }))),
    ).toMatch(/not a cursor this API issued/);
  });

  it('goes on from its own positions while the layout is the one it was made with', () => {
    const decoded = decode(encodeCursor([position('A')], 'q', position('A')));
    expect(cursorStart(decoded, { shards: 1, moving: false })).toEqual([position('A')]);
    expect(cursorStart(undefined, { shards: 4, moving: false })).toEqual([null, null, null, null]);
  });

  it('goes on from the boundary in every shard after a grow, or while customers move', () => {
    const decoded = decode(encodeCursor([position('A')], 'q', position('B')));
    expect(cursorStart(decoded, { shards: 4, moving: false })).toEqual(
      positionsFromBoundary(position('B'), 4),
    );
    const sameCount = decode(encodeCursor([position('A'), 'done', null, null], 'q', position('B')));
    expect(cursorStart(sameCount, { shards: 4, moving: true })).toEqual(new Array(4).fill(position('B')));
  });

  it('goes on from the boundary when it was made while customers moved, even once they stopped', () => {
    // A shard read to its end then may have received moved customers since.
    const made = encodeCursor([position('A'), 'done', null, null], 'q', position('B'), { moving: true });
    expect(cursorStart(decode(made), { shards: 4, moving: false })).toEqual(new Array(4).fill(position('B')));
  });

  it('asks to start over when a cursor without a boundary meets another layout', () => {
    const decoded = decode(legacyCursor([position('A'), null, 'done', null]));
    expect(cursorStart(decoded, { shards: 4, moving: false })).toEqual([position('A'), null, 'done', null]);
    expect(refusal(() => cursorStart(decoded, { shards: 16, moving: true }))).toMatch(/start over/);
  });
});
