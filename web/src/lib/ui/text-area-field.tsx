/**
 * A labelled multi-line text box for free text a form sends as it is (a description, notes):
 * no field-level error of its own, as the API refuses none of these but for length.
 */
export function TextAreaField(props: {
  /** The element id the label points at; unique on the page. */
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}) {
  return (
    <div class="field">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <textarea
        id={props.id}
        name={props.name}
        class="field__input"
        rows={props.rows ?? 2}
        value={props.value}
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
    </div>
  );
}
