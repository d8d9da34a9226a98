import { describe, expect, it } from 'vitest';
import { readSavedViews, savedViewsKey, withView, writeSavedViews } from './saved-views.js';

describe('saved views', () => {
  it('are kept per tenant and user, replaced by name and sorted', () => {
    const key = savedViewsKey('tenant-1', 'user-1');
    let views = withView([], { name: 'VIP', state: { tag: 'vip' } });
    views = withView(views, { name: 'At risk', state: { segment: 'at-risk' } });
    views = withView(views, { name: 'VIP', state: { tag: 'vip', sort: 'clv' } });
    writeSavedViews(localStorage, key, views);

    expect(readSavedViews(localStorage, key)).toEqual([
      { name: 'At risk', state: { segment: 'at-risk' } },
      { name: 'VIP', state: { tag: 'vip', sort: 'clv' } },
    ]);
    expect(readSavedViews(localStorage, savedViewsKey('tenant-1', 'user-2'))).toEqual([]);
  });

  it('ignores what is not a view list', () => {
    localStorage.setItem('broken', '{not json');
    expect(readSavedViews(localStorage, 'broken')).toEqual([]);
    localStorage.setItem('odd', JSON.stringify([{ name: 1 }, { name: 'ok', state: {} }]));
    expect(readSavedViews(localStorage, 'odd')).toEqual([{ name: 'ok', state: {} }]);
  });
});
