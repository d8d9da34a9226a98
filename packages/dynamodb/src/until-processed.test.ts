import { describe, expect, it } from 'vitest';
import { untilProcessed } from './until-processed.js';

describe('untilProcessed', () => {
  it('sends again only what was left unprocessed, until nothing is left', async () => {
    const calls: number[][] = [];
    await untilProcessed(
      [1, 2, 3, 4],
      async (pending) => {
        calls.push(pending);
        return pending.slice(0, Math.floor(pending.length / 2));
      },
      { attempts: 8, what: 'batch write' },
    );
    expect(calls).toEqual([[1, 2, 3, 4], [1, 2], [1]]);
  });

  it('gives up after the attempts with how much was left', async () => {
    let calls = 0;
    await expect(
      untilProcessed(
        ['a'],
        async (pending) => {
          calls++;
          return pending;
        },
        { attempts: 3, what: 'batch get' },
      ),
    ).rejects.toThrow('batch get left 1 unprocessed after 3 attempts');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      untilProcessed(
        ['a'],
        async () => {
          calls++;
          throw new Error('ValidationException');
        },
        { attempts: 5, what: 'batch write' },
      ),
    ).rejects.toThrow('ValidationException');
    expect(calls).toBe(1);
  });
});
