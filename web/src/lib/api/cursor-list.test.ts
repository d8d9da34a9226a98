import { createRoot, createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCursorList } from './cursor-list.js';
import type { CursorPage } from './page-with-items.js';

/** Pages keyed by the list's key and the cursor that asks for them ('' = the first). */
function server(pages: Record<string, Record<string, CursorPage<number>>>) {
  const asked: string[] = [];
  return {
    asked,
    load: async (key: string, cursor: string | undefined) => {
      asked.push(`${key}:${cursor ?? ''}`);
      const page = pages[key]?.[cursor ?? ''];
      if (!page) throw new Error(`no page ${key}:${cursor}`);
      return page;
    },
  };
}

let dispose = () => {};
afterEach(() => dispose());

function list(pages: Parameters<typeof server>[0], first = 'a') {
  const api = server(pages);
  return createRoot((done) => {
    dispose = done;
    const [key, setKey] = createSignal(first);
    return { ...api, key, setKey, list: createCursorList(key, api.load) };
  });
}

const ready = async (items: () => number[] | undefined) => {
  await vi.waitFor(() => expect(items()).toBeDefined());
  return items();
};

describe('createCursorList', () => {
  it('reads past empty filtered pages on first load and on more, appending what more finds', async () => {
    const { list: alerts, asked } = list({
      a: {
        '': { items: [], nextCursor: 'c1' },
        c1: { items: [1, 2], nextCursor: 'c2' },
        c2: { items: [], nextCursor: 'c3' },
        c3: { items: [3], nextCursor: null },
      },
    });
    expect(await ready(alerts.items)).toEqual([1, 2]);
    expect([alerts.hasMore(), alerts.isEmpty([])]).toEqual([true, false]);

    await alerts.more();
    expect(alerts.items()).toEqual([1, 2, 3]);
    expect(alerts.hasMore()).toBe(false);
    expect(asked).toEqual(['a:', 'a:c1', 'a:c2', 'a:c3']);
    await alerts.more();
    expect(asked).toHaveLength(4);
  });

  it('is empty only when no items came and no cursor is left', async () => {
    const { list: none } = list({ a: { '': { items: [], nextCursor: null } } });
    expect(await ready(none.items)).toEqual([]);
    expect([none.isEmpty([]), none.hasMore()]).toEqual([true, false]);
  });

  it('starts over from the first page when the key changes, and more reads the new key', async () => {
    const {
      list: tasks,
      setKey,
      asked,
    } = list({
      a: { '': { items: [1], nextCursor: 'x' } },
      b: { '': { items: [9], nextCursor: 'y' }, y: { items: [10], nextCursor: null } },
    });
    expect(await ready(tasks.items)).toEqual([1]);
    setKey('b');
    await vi.waitFor(() => expect(tasks.items()).toEqual([9]));
    await tasks.more();
    expect(tasks.items()).toEqual([9, 10]);
    expect(asked).toEqual(['a:', 'b:', 'b:y']);
  });
});
