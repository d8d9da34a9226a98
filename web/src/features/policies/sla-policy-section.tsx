import { For, type JSX } from 'solid-js';
import { NumberInput } from './policy-inputs.js';
import { type PolicyEditor, PolicySection, type PolicyView } from './policy-section.js';

/** What every SLA policy holds: hours allowed per step (rows) per urgency (columns). */
export type SlaHoursPolicy = { hours: Record<string, Record<string, number>> };

/**
 * An SLA policy's editor: one fieldset per step, one hours field per urgency, saved through the
 * shared policy frame (the version read, the conflict reload, the API's field messages). The
 * service request SLAs (status × priority) and the complaint SLAs (step × severity) are the same
 * matrix with other words, so both tabs are this component with their own rows and columns.
 */
export function SlaPolicySection<P extends SlaHoursPolicy>(props: {
  title: string;
  description: string;
  load: () => Promise<PolicyView<P>>;
  save: (policy: P, version: number) => Promise<PolicyView<P>>;
  rows: readonly string[];
  columns: readonly string[];
  rowLabel: (row: string) => string;
  /** The field's label, naming both its step and its urgency so each field stands alone. */
  hoursLabel: (row: string, column: string) => string;
  /** Marks each step's fieldset, for tests. */
  rowTestId: string;
  /** Fields beyond the matrix (the complaint follow-up's days). */
  extra?: (editor: PolicyEditor<P>) => JSX.Element;
  readOnly?: boolean;
}) {
  return (
    <PolicySection<P>
      title={props.title}
      description={props.description}
      load={props.load}
      save={props.save}
      readOnly={props.readOnly === true}
    >
      {(editor) => {
        // The matrix is typed by each policy's own step and urgency names; here they are strings.
        const setHours = editor.set as unknown as (
          key: 'hours',
          row: string,
          column: string,
          value: number,
        ) => void;
        return (
          <>
            <For each={props.rows}>
              {(row) => (
                <fieldset class="policy__group" data-testid={props.rowTestId}>
                  <legend class="section-title">{props.rowLabel(row)}</legend>
                  <div class="policy__grid">
                    <For each={props.columns}>
                      {(column) => (
                        <NumberInput
                          name={`hours.${row}.${column}`}
                          label={props.hoursLabel(row, column)}
                          value={editor.draft.hours[row]?.[column] ?? null}
                          onChange={(value) => setHours('hours', row, column, value)}
                          error={editor.fieldError(`hours.${row}.${column}`)}
                        />
                      )}
                    </For>
                  </div>
                </fieldset>
              )}
            </For>
            {props.extra?.(editor)}
          </>
        );
      }}
    </PolicySection>
  );
}
