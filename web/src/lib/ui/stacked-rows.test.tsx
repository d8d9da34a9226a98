import { render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal, For } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { ScrollTable } from './scroll-table.js';

/** Each cell of a row, as the `data-label` a phone shows before it. */
function labelsOf(row: HTMLElement): (string | null)[] {
  return [...row.querySelectorAll('th, td')].map((cell) => cell.getAttribute('data-label'));
}

describe('stackRowsWhenNarrow (through ScrollTable)', () => {
  it("labels each cell with its column's visible heading, rows added later too, a button column not", async () => {
    const [names, setNames] = createSignal(['Ann']);
    render(() => (
      <ScrollTable
        columns={['Name', { label: 'Due', class: 'table__number' }, { label: 'Actions', hidden: true }]}
      >
        <For each={names()}>
          {(name) => (
            <tr data-testid={name}>
              <th scope="row">{name}</th>
              <td>Dec 3</td>
              <td>
                <button type="button">Done</button>
              </td>
            </tr>
          )}
        </For>
      </ScrollTable>
    ));
    // The labels follow the DOM's changes a moment after each (a MutationObserver).
    await waitFor(() => expect(labelsOf(screen.getByTestId('Ann'))).toEqual(['Name', 'Due', null]));

    setNames(['Ann', 'Bo']);
    await waitFor(() => expect(labelsOf(screen.getByTestId('Bo'))).toEqual(['Name', 'Due', null]));
  });

  it('gives a cell spanning columns no label, and the next cell the label of the column it is in', async () => {
    render(() => (
      <ScrollTable columns={['Name', 'Owed', 'Limit']}>
        <tr data-testid="spanning">
          <td colSpan={2}>Nothing owed</td>
          <td>$10</td>
        </tr>
      </ScrollTable>
    ));
    await waitFor(() => expect(labelsOf(screen.getByTestId('spanning'))).toEqual([null, 'Limit']));
  });
});
