import { describe, expect, it } from 'vitest';
import { trackingCurves, trackingWeeks } from './tracking-curve.js';

describe('the tracking curve (cumulative repeat purchases by week)', () => {
  // Two customers: A acquired on day 0 buys again on days 3 and 10 (calibration) and 16 (holdout);
  // B acquired on day 7 buys again on day 15 (holdout). Cutoff day 14, end day 21: weeks 1–3.
  const customers = [
    { firstDay: 0, calibrationRepeatDays: [3, 10], holdoutDays: [16] },
    { firstDay: 7, calibrationRepeatDays: [], holdoutDays: [15] },
  ];
  // A model expecting one repeat purchase a week: E[X(t)] = t.
  const oneAWeek = (t: number) => t;
  // A model expecting none.
  const never = () => 0;

  it('counts actual repeats per week cumulatively and sums each cohort’s expectation', () => {
    const curve = trackingCurves(customers, [oneAWeek, never], { cutoffDay: 14, endDay: 21 });
    expect(curve.startDay).toBe(0);
    expect(curve.calibrationWeeks).toBe(2);
    expect(curve.weeks).toEqual([1, 2, 3]);
    // Week 1 (days 1–7): day 3. Week 2 (8–14): day 10. Week 3 (15–21): days 15 and 16.
    expect(curve.actual).toEqual([1, 2, 4]);
    // Week w ends on day 7w: A has been a customer 7w days (w weeks), B 7(w−1) days.
    expect(curve.expected[0]).toEqual([1, 3, 5]);
    expect(curve.expected[1]).toEqual([0, 0, 0]);
  });

  it('evaluates each model once per distinct offset', () => {
    let calls = 0;
    const counting = (t: number) => {
      calls++;
      return t;
    };
    // Offsets: week 1 → 7 (A); week 2 → 14 (A), 7 (B, seen); week 3 → 21 (A), 14 (B, seen).
    trackingCurves(customers, [counting], { cutoffDay: 14, endDay: 21 });
    expect(calls).toBe(3);
  });

  it('thins a long curve to at most maxPoints, keeping the last week', () => {
    expect(trackingWeeks(10, 4)).toEqual([3, 6, 9, 10]);
    expect(trackingWeeks(6, 10)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(trackingWeeks(0, 10)).toEqual([]);
    const curve = trackingCurves(customers, [oneAWeek], { cutoffDay: 14, endDay: 21, maxPoints: 2 });
    expect(curve.weeks).toEqual([2, 3]);
    expect(curve.actual).toEqual([2, 4]);
    expect(curve.expected[0]).toEqual([3, 5]);
  });

  it('with weekly cohorts, places each week’s acquisitions at its middle day and evaluates whole weeks', () => {
    const seen: number[] = [];
    const curve = trackingCurves(
      [
        { firstDay: 0, calibrationRepeatDays: [], holdoutDays: [] },
        { firstDay: 2, calibrationRepeatDays: [], holdoutDays: [] },
        { firstDay: 9, calibrationRepeatDays: [], holdoutDays: [] },
      ],
      [
        (t) => {
          seen.push(t);
          return t;
        },
      ],
      { cutoffDay: 14, endDay: 21, weeklyCohorts: true },
    );
    // Cohorts: 2 customers at day 3 (week 1), 1 at day 10 (week 2). Week ends 7, 14, 21.
    // Week 1: 2 × 4/7. Week 2: 2 × 11/7 + 4/7. Week 3: 2 × 18/7 + 11/7.
    expect(curve.expected[0]?.map((v) => v * 7)).toEqual([8, 26, 47].map((v) => expect.closeTo(v, 12)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map((t) => t * 7)).toEqual([4, 11, 18].map((v) => expect.closeTo(v, 12)));
  });

  it('is empty without customers', () => {
    expect(trackingCurves([], [oneAWeek], { cutoffDay: 14, endDay: 21 })).toMatchObject({
      weeks: [],
      actual: [],
      expected: [[]],
    });
  });
});
