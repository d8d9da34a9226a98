import { For, type JSX } from 'solid-js';
import { stackRowsWhenNarrow } from './stacked-rows.js';

/**
 * A column heading: its label, or the label with a class (`table__number` right-aligns figures)
 * or read only by screen readers (`hidden`: a column of buttons needs no visible heading).
 */
export type TableColumn = string | { label: string; class: string } | { label: string; hidden: true };

/**
 * A table: the column headings, then the rows the caller renders (each with its `<th scope="row">`).
 * On a phone its rows stack (stackRowsWhenNarrow); between that and a wide screen it scrolls sideways.
 */
export function ScrollTable(props: {
  /** Classes besides `table`, e.g. `alerts-table`. */
  class?: string;
  testId?: string;
  columns: readonly TableColumn[];
  children: JSX.Element;
}) {
  return (
    <div class="table-scroll">
      <table
        class={props.class ? `table ${props.class}` : 'table'}
        data-testid={props.testId}
        ref={stackRowsWhenNarrow}
      >
        <thead>
          <tr>
            <For each={props.columns}>
              {(column) =>
                typeof column === 'string' ? (
                  <th scope="col">{column}</th>
                ) : 'hidden' in column ? (
                  <th scope="col">
                    <span class="visually-hidden">{column.label}</span>
                  </th>
                ) : (
                  <th scope="col" class={column.class}>
                    {column.label}
                  </th>
                )
              }
            </For>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
