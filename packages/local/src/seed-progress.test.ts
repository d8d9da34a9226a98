import { describe, expect, it } from 'vitest';
import { createSeedProgress } from './seed-progress.js';

describe('createSeedProgress', () => {
  it('reports counts, a weighted fraction and the elapsed time while seeding', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const progress = createSeedProgress('demo', () => new Date(now));
    expect(progress.snapshot()).toMatchObject({ name: 'demo', status: 'idle', fraction: 0 });

    progress.update({ status: 'seeding', tenantId: 't1' });
    progress.update({ orders: { done: 50, total: 100 }, customers: { done: 0, total: 40 } });
    now += 5_000;

    expect(progress.snapshot()).toMatchObject({
      status: 'seeding',
      tenantId: 't1',
      orders: { done: 50, total: 100 },
      customers: { done: 0, total: 40 },
      fraction: 0.225,
      startedAt: '2026-01-01T00:00:00.000Z',
      elapsedMs: 5_000,
    });
  });

  it('never moves a count back, and is complete when done', () => {
    const progress = createSeedProgress('demo');
    progress.update({ status: 'seeding', orders: { done: 80, total: 100 } });
    progress.update({ orders: { done: 30, total: 100 } });
    expect(progress.snapshot().orders).toEqual({ done: 80, total: 100 });

    progress.update({ status: 'done' });
    expect(progress.snapshot()).toMatchObject({
      status: 'done',
      fraction: 1,
      finishedAt: expect.any(String),
    });
  });

  it('keeps the error of a failed seed', () => {
    const progress = createSeedProgress('demo');
    progress.update({ status: 'seeding' });
    progress.update({ status: 'failed', error: 'no CDNOW file' });
    expect(progress.snapshot()).toMatchObject({ status: 'failed', error: 'no CDNOW file' });
  });
});
