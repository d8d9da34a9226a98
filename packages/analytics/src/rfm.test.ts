import { describe, expect, it } from 'vitest';
import { rfmCutoffs, rfmSegment, rfmSegments, rfmValues, scoreRfm } from './rfm.js';

describe('rfmValues', () => {
  it('measures recency in days since the last purchase, frequency in purchase days, monetary as total spend', () => {
    expect(rfmValues({ lastDay: 100, x: 2, totalAmount: 74 }, 130)).toEqual({
      recencyDays: 30,
      frequency: 3,
      monetary: 74,
    });
  });
});

describe('rfmCutoffs and scoreRfm', () => {
  const values = Array.from({ length: 100 }, (_, i) => ({
    recencyDays: i,
    frequency: i + 1,
    monetary: 10 * (i + 1),
  }));
  const cutoffs = rfmCutoffs(values);

  it('puts 20 % of customers in each quintile', () => {
    const counts = [0, 0, 0, 0, 0, 0];
    for (const v of values) {
      const score = scoreRfm(v, cutoffs);
      counts[score.f] = (counts[score.f] as number) + 1;
    }
    expect(counts.slice(1)).toEqual([20, 20, 20, 20, 20]);
  });

  it('gives R 5 to the most recent and F, M 5 to the highest', () => {
    expect(scoreRfm({ recencyDays: 0, frequency: 100, monetary: 1000 }, cutoffs)).toMatchObject({
      r: 5,
      f: 5,
      m: 5,
      segment: 'champions',
      code: 'R5F5M5',
    });
    expect(scoreRfm({ recencyDays: 99, frequency: 1, monetary: 10 }, cutoffs)).toMatchObject({
      r: 1,
      f: 1,
      m: 1,
      segment: 'lost',
    });
  });

  it('gives tied values the same score', () => {
    const tied = rfmCutoffs(
      [1, 1, 1, 1, 1, 1, 2, 3].map((f) => ({ recencyDays: 0, frequency: f, monetary: 1 })),
    );
    expect(scoreRfm({ recencyDays: 0, frequency: 1, monetary: 1 }, tied).f).toBe(1);
  });
});

describe('rfmSegment', () => {
  it('names every cell of the 5 × 5 (R, FM) grid with a known segment', () => {
    for (let r = 1; r <= 5; r++)
      for (let fm = 1; fm <= 5; fm++) expect(rfmSegments).toContain(rfmSegment(r, fm));
  });

  it('follows the documented table', () => {
    expect(rfmSegment(5, 4)).toBe('champions');
    expect(rfmSegment(3, 5)).toBe('loyal');
    expect(rfmSegment(5, 2)).toBe('potential-loyalist');
    expect(rfmSegment(5, 1)).toBe('new');
    expect(rfmSegment(4, 1)).toBe('promising');
    expect(rfmSegment(3, 2)).toBe('need-attention');
    expect(rfmSegment(1, 5)).toBe('cant-lose');
    expect(rfmSegment(2, 4)).toBe('at-risk');
    expect(rfmSegment(1, 3)).toBe('at-risk');
    expect(rfmSegment(2, 2)).toBe('hibernating');
    expect(rfmSegment(1, 1)).toBe('lost');
  });
});
