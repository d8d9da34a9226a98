import { onCleanup } from 'solid-js';
import './stacked-rows.css';

/** What a heading says on screen: a heading only screen readers read (a column of buttons) says nothing. */
function visibleText(heading: HTMLTableCellElement): string {
  return [...heading.childNodes]
    .filter((node) => !(node instanceof HTMLElement && node.classList.contains('visually-hidden')))
    .map((node) => node.textContent ?? '')
    .join('')
    .trim();
}

/** Each body and foot cell gets its column's heading as `data-label`; a cell spanning columns gets none. */
function labelCells(table: HTMLTableElement): void {
  const headings = table.tHead?.rows[table.tHead.rows.length - 1]?.cells ?? [];
  const labels = [...headings].flatMap((heading) =>
    Array<string>(heading.colSpan).fill(visibleText(heading)),
  );
  for (const body of [...table.tBodies, ...(table.tFoot ? [table.tFoot] : [])]) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        const label = cell.colSpan === 1 ? (labels[column] ?? '') : '';
        if (!label) cell.removeAttribute('data-label');
        else if (cell.dataset.label !== label) cell.dataset.label = label;
        column += cell.colSpan;
      }
    }
  }
}

/**
 * For a table's `ref`: on a narrow screen (below 640 px) its rows stack, each cell on a line of its
 * own led by its column's heading, instead of the table scrolling sideways. The labels follow the
 * rows the table gets later and the headings' language.
 *
 * @example
 * <table class="table" ref={stackRowsWhenNarrow}>…</table>
 */
export function stackRowsWhenNarrow(table: HTMLTableElement): void {
  table.dataset.stackedRows = '';
  labelCells(table);
  // Attributes are not watched: the labels this writes do not wake it again.
  const observer = new MutationObserver(() => labelCells(table));
  observer.observe(table, { childList: true, subtree: true, characterData: true });
  onCleanup(() => observer.disconnect());
}
