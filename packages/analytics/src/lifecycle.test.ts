import { describe, expect, it } from 'vitest';
import { purchaseTrend, suggestLifecycleStage, suggestRelationshipLevel } from './lifecycle.js';

describe('suggestLifecycleStage', () => {
  it('identifies a new one-time buyer (识别期)', () => {
    expect(suggestLifecycleStage({ tenureWeeks: 4, repeatPurchases: 0, pAlive: 1 }).stage).toBe(
      'identification',
    );
  });

  it('calls a one-time buyer silent for half a year declining (衰退期)', () => {
    expect(suggestLifecycleStage({ tenureWeeks: 40, repeatPurchases: 0, pAlive: 1 }).stage).toBe('decline');
  });

  it('calls a repeat buyer with low P(alive) or a collapsing trend declining', () => {
    expect(suggestLifecycleStage({ tenureWeeks: 60, repeatPurchases: 8, pAlive: 0.3, trend: 1 }).stage).toBe(
      'decline',
    );
    expect(
      suggestLifecycleStage({ tenureWeeks: 60, repeatPurchases: 8, pAlive: 0.9, trend: 0.3 }).stage,
    ).toBe('decline');
  });

  it('calls a young or accelerating repeat buyer developing (发展期)', () => {
    expect(suggestLifecycleStage({ tenureWeeks: 60, repeatPurchases: 1, pAlive: 0.9, trend: 1 }).stage).toBe(
      'development',
    );
    expect(
      suggestLifecycleStage({ tenureWeeks: 60, repeatPurchases: 8, pAlive: 0.9, trend: 1.5 }).stage,
    ).toBe('development');
  });

  it('calls an established steady buyer stable (稳定期) and says which rule fired', () => {
    const suggestion = suggestLifecycleStage({
      tenureWeeks: 80,
      repeatPurchases: 12,
      pAlive: 0.95,
      trend: 1,
    });
    expect(suggestion).toMatchObject({ stage: 'stability', name: '稳定期' });
    expect(suggestion.rule).toMatch(/steady/);
  });
});

describe('purchaseTrend', () => {
  it('divides the expected rate ahead by the observed repeat rate', () => {
    expect(purchaseTrend(1.2, 13, { x: 6, T: 52 })).toBeCloseTo(0.8, 12);
    expect(purchaseTrend(1, 13, { x: 0, T: 52 })).toBeUndefined();
  });
});

describe('suggestRelationshipLevel (Kotler’s customers × margin grid)', () => {
  it('suggests basic for many customers with low margins and partnership for few with high margins', () => {
    expect(suggestRelationshipLevel({ customerCount: 50_000, marginRate: 0.05 })).toMatchObject({
      level: 'basic',
      name: '基本型',
    });
    expect(suggestRelationshipLevel({ customerCount: 20, marginRate: 0.5 })).toMatchObject({
      level: 'partnership',
      name: '伙伴型',
    });
  });

  it('fills the middle of the grid', () => {
    expect(suggestRelationshipLevel({ customerCount: 50_000, marginRate: 0.2 }).level).toBe('reactive');
    expect(suggestRelationshipLevel({ customerCount: 1_000, marginRate: 0.2 }).level).toBe('accountable');
    expect(suggestRelationshipLevel({ customerCount: 1_000, marginRate: 0.4 }).level).toBe('proactive');
    expect(suggestRelationshipLevel({ customerCount: 20, marginRate: 0.05 }).level).toBe('accountable');
  });
});
