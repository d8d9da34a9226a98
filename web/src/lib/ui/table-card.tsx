import type { JSX } from 'solid-js';
import { ScrollTable, type TableColumn } from './scroll-table.js';

/** A list screen's `ScrollTable` on a card, with an optional footer (a "more" button). */
export function TableCard(props: {
  /** Classes besides `table`, e.g. `alerts-table`. */
  class?: string;
  testId?: string;
  columns: readonly TableColumn[];
  children: JSX.Element;
  footer?: JSX.Element;
}) {
  return (
    <div class="card table-card">
      <div class="admin-screen">
        <ScrollTable class={props.class} testId={props.testId} columns={props.columns}>
          {props.children}
        </ScrollTable>
      </div>
      {props.footer}
    </div>
  );
}
