import { describe, expect, it } from 'vitest';
import {
  type NightlyJob,
  type NightlyJobDeps,
  type NightlyResumePoint,
  runNightlyForTenant,
} from './nightly-jobs.js';

const deps = {} as NightlyJobDeps;

/** Three jobs, the middle one walking `pages` pages; `done` records every piece of work in order. */
function night(pages: number) {
  const done: string[] = [];
  const plain = (name: string): NightlyJob => ({
    name,
    run: async () => {
      done.push(name);
      return {};
    },
  });
  const walk = async (from: number, more: () => boolean) => {
    let page = from;
    do {
      done.push(`pages:${page}`);
      page++;
    } while (page < pages && more());
    return page;
  };
  const chunked: NightlyJob = {
    name: 'pages',
    run: async () => ({ pages: await walk(0, () => true) }),
    runChunk: async (_deps, _tenantId, chunk) => {
      const from = chunk.cursor ? Number(chunk.cursor) : 0;
      const to = await walk(from, chunk.more);
      return { counts: { pages: to - from }, ...(to < pages ? { next: String(to) } : {}) };
    },
  };
  return { done, jobs: [plain('refit'), chunked, plain('care')] };
}

/** What the worker does: invocations, each resuming where the last stopped, until the night is done. */
async function invocations(jobs: readonly NightlyJob[], piecesPerInvocation: number) {
  const continuations: NightlyResumePoint[] = [];
  let resume: NightlyResumePoint | undefined;
  for (let invocation = 0; invocation < 100; invocation++) {
    let pieces = 0;
    // Time for `piecesPerInvocation` pieces: each call asks before starting one more.
    const hasTime = () => ++pieces < piecesPerInvocation;
    const outcome = await runNightlyForTenant(deps, 't1', jobs, { ...(resume ? { resume } : {}), hasTime });
    expect(outcome.failed).toEqual([]);
    if (!outcome.continuation) return continuations;
    continuations.push(outcome.continuation);
    resume = outcome.continuation;
  }
  throw new Error('the night never finished');
}

describe('a tenant’s night in chunks', () => {
  it('runs every job and every page exactly once, in order, across several invocations', async () => {
    const { done, jobs } = night(7);
    const continuations = await invocations(jobs, 2);
    expect(done).toEqual(['refit', ...Array.from({ length: 7 }, (_, page) => `pages:${page}`), 'care']);
    expect(continuations).toEqual([
      { job: 'pages', cursor: '1' },
      { job: 'pages', cursor: '3' },
      { job: 'pages', cursor: '5' },
      { job: 'care' },
    ]);
  });

  it('moves on in every invocation, even with no time for a second piece', async () => {
    const { done, jobs } = night(3);
    const continuations = await invocations(jobs, 0);
    expect(done).toEqual(['refit', 'pages:0', 'pages:1', 'pages:2', 'care']);
    expect(continuations).toHaveLength(4);
  });

  it('runs the whole night in one call without a time limit (the local runtime)', async () => {
    const { done, jobs } = night(4);
    const outcome = await runNightlyForTenant(deps, 't1', jobs);
    expect(outcome.continuation).toBeUndefined();
    expect(done).toEqual(['refit', 'pages:0', 'pages:1', 'pages:2', 'pages:3', 'care']);
  });

  it('refuses to resume at a job it does not know', async () => {
    const { jobs } = night(1);
    await expect(runNightlyForTenant(deps, 't1', jobs, { resume: { job: 'nope' } })).rejects.toThrow(/nope/);
  });
});
