import { describe, expect, it } from 'vitest';
import { ReactionBatch } from './reaction-batch.js';

/** A load that counts its calls and answers `value-<n>` for the n-th. */
function countingLoad() {
  let calls = 0;
  const load = async () => `value-${++calls}`;
  return { load, calls: () => calls };
}

describe('ReactionBatch', () => {
  it('loads a key once and hands every later caller the same result', async () => {
    const batch = new ReactionBatch();
    const { load, calls } = countingLoad();

    const first = await batch.once('webhooks:endpoints:T1', load);
    const second = await batch.once('webhooks:endpoints:T1', load);

    expect([first, second]).toEqual(['value-1', 'value-1']);
    expect(calls()).toBe(1);
  });

  it('shares one load among concurrent callers', async () => {
    const batch = new ReactionBatch();
    let release: (value: string) => void = () => {};
    let calls = 0;
    const load = () => {
      calls += 1;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };

    const waiting = [batch.once('k', load), batch.once('k', load), batch.once('k', load)];
    release('list');

    expect(await Promise.all(waiting)).toEqual(['list', 'list', 'list']);
    expect(calls).toBe(1);
  });

  it('keeps keys apart: another tenant or another reaction loads its own', async () => {
    const batch = new ReactionBatch();
    const { load, calls } = countingLoad();

    const values = [
      await batch.once('webhooks:endpoints:T1', load),
      await batch.once('webhooks:endpoints:T2', load),
      await batch.once('workflows:list:T1', load),
    ];

    expect(values).toEqual(['value-1', 'value-2', 'value-3']);
    expect(calls()).toBe(3);
  });

  it('loads again after forget', async () => {
    const batch = new ReactionBatch();
    const { load, calls } = countingLoad();

    await batch.once('k', load);
    batch.forget('k');
    const after = await batch.once('k', load);

    expect(after).toBe('value-2');
    expect(calls()).toBe(2);
  });

  it('keeps no failure: the next call loads again', async () => {
    const batch = new ReactionBatch();
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls === 1) throw new Error('throttled');
      return 'list';
    };

    await expect(batch.once('k', load)).rejects.toThrow('throttled');
    expect(await batch.once('k', load)).toBe('list');
    expect(calls).toBe(2);
  });

  it('turns a load that throws at once into a rejection, kept no more than a failed one', async () => {
    const batch = new ReactionBatch();
    const throwsAtOnce = (): Promise<string> => {
      throw new Error('bad key');
    };

    await expect(batch.once('k', throwsAtOnce)).rejects.toThrow('bad key');
    expect(await batch.once('k', async () => 'list')).toBe('list');
  });

  it('is one per batch: a new batch loads again', async () => {
    const { load, calls } = countingLoad();

    await new ReactionBatch().once('k', load);
    const next = await new ReactionBatch().once('k', load);

    expect(next).toBe('value-2');
    expect(calls()).toBe(2);
  });
});
