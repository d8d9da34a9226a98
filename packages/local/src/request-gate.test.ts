import { describe, expect, it } from 'vitest';
import { createRequestGate } from './request-gate.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createRequestGate', () => {
  it('lets requests through while open', async () => {
    const gate = createRequestGate();
    expect(await gate.through(async () => 42)).toBe(42);
    expect(gate.inside).toBe(0);
  });

  it('closes only once the requests inside have finished, and holds new ones until opened', async () => {
    const gate = createRequestGate();
    const events: string[] = [];
    let finishFirst: () => void = () => {};
    const first = gate.through(
      () =>
        new Promise<void>((resolve) => {
          finishFirst = () => {
            events.push('first done');
            resolve();
          };
        }),
    );
    const closed = gate.close().then(() => events.push('closed'));
    const later = gate.through(async () => events.push('later ran'));
    await tick();
    expect(events).toEqual([]);

    finishFirst();
    await first;
    await closed;
    await tick();
    expect(events).toEqual(['first done', 'closed']);

    gate.open();
    await later;
    expect(events).toEqual(['first done', 'closed', 'later ran']);
  });
});
