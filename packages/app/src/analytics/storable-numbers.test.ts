import { describe, expect, it } from 'vitest';
import { firstUnstorableNumber, storableCopy } from './storable-numbers.js';

describe('storable numbers', () => {
  it('names the first number DynamoDB would refuse', () => {
    expect(firstUnstorableNumber({ bgnbd: { r: 0.2, a: 2.556348163871615e305 } })).toBe('bgnbd.a');
    expect(firstUnstorableNumber({ scores: [{ x: 1 }, { x: Number.NEGATIVE_INFINITY }] })).toBe('scores.1.x');
    expect(firstUnstorableNumber({ total: Number.MAX_SAFE_INTEGER + 2 })).toBe('total');
  });

  it('passes ordinary fits', () => {
    expect(firstUnstorableNumber({ r: 0.24, alpha: 4.41, count: Number.MAX_SAFE_INTEGER, text: 'x' })).toBe(
      undefined,
    );
  });

  it('keeps diagnostics storable by writing the refused numbers as text', () => {
    expect(storableCopy({ params: { a: 2.5e305, b: 1.5, c: Number.NaN } })).toEqual({
      params: { a: '2.5e+305', b: 1.5, c: 'NaN' },
    });
  });
});
