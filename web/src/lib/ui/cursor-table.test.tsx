import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { createCursorList } from '../api/cursor-list.js';
import type { CursorPage } from '../api/page-with-items.js';
import { I18nProvider } from '../i18n/i18n-context.js';
import { CursorTable } from './cursor-table.js';
import { EmptyState } from './states.js';

function table(pages: Record<string, CursorPage<string>>) {
  render(() => {
    const names = createCursorList(
      () => true,
      async (_, cursor) => pages[cursor ?? ''] ?? { items: [], nextCursor: null },
    );
    return (
      <I18nProvider locale="en">
        <CursorTable
          list={names}
          columns={['Name']}
          empty={<EmptyState title="Nobody here" />}
          moreLabel="Show more"
        >
          {(name) => (
            <tr>
              <th scope="row">{name}</th>
            </tr>
          )}
        </CursorTable>
      </I18nProvider>
    );
  });
}

describe('CursorTable', () => {
  it('shows a row an item and appends the next page with "Show more" until the cursor runs out', async () => {
    table({ '': { items: ['Ann'], nextCursor: 'c1' }, c1: { items: ['Bo'], nextCursor: null } });
    expect(await screen.findByRole('rowheader', { name: 'Ann' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('rowheader', { name: 'Bo' })).toBeTruthy();
    expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Ann', 'Bo']);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull());
  });

  it('shows the empty state when nothing came and no cursor is left', async () => {
    table({ '': { items: [], nextCursor: null } });
    expect(await screen.findByText('Nobody here')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
