import { describe, expect, it } from 'vitest';
import { type CursorPage, pageWithItems } from './page-with-items.js';

/** Pages keyed by the cursor that asks for them ('' = the first). */
function server(pages: Record<string, CursorPage<number>>) {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    load: async (cursor: string | undefined) => {
      asked.push(cursor);
      const page = pages[cursor ?? ''];
      if (!page) throw new Error(`no page for ${cursor}`);
      return page;
    },
  };
}

describe('pageWithItems', () => {
  it('follows the cursor past empty pages to the first page with items', async () => {
    const { load, asked } = server({
      '': { items: [], nextCursor: 'a' },
      a: { items: [], nextCursor: 'b' },
      b: { items: [7], nextCursor: 'c' },
    });
    expect(await pageWithItems(load)).toEqual({ items: [7], nextCursor: 'c' });
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('asks once when the first page has items or no cursor', async () => {
    const full = server({ x: { items: [1], nextCursor: 'y' } });
    expect(await pageWithItems(full.load, 'x')).toEqual({ items: [1], nextCursor: 'y' });
    const done = server({ '': { items: [], nextCursor: null } });
    expect(await pageWithItems(done.load)).toEqual({ items: [], nextCursor: null });
    expect([full.asked, done.asked]).toEqual([['x'], [undefined]]);
  });

  it('stops after maxPages requests and hands back the empty page with its cursor', async () => {
    const pages = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [i === 0 ? '' : `p${i}`, { items: [], nextCursor: `p${i + 1}` }]),
    );
    const { load, asked } = server(pages);
    expect(await pageWithItems(load, undefined, { maxPages: 3 })).toEqual({ items: [], nextCursor: 'p3' });
    expect(asked).toHaveLength(3);
  });

  it('gathers items over short pages until it has the number asked for', async () => {
    const { load, asked } = server({
      '': { items: [1, 2], nextCursor: 'a' },
      a: { items: [], nextCursor: 'b' },
      b: { items: [3, 4], nextCursor: 'c' },
      c: { items: [5], nextCursor: null },
    });
    expect(await pageWithItems(load, undefined, { atLeast: 4 })).toEqual({
      items: [1, 2, 3, 4],
      nextCursor: 'c',
    });
    expect(asked).toEqual([undefined, 'a', 'b']);
  });
});
