import { createSignal } from 'solid-js';
import { Button } from './button.js';

/**
 * A secret the server shows once (an API key, a webhook signing secret): read-only, selected on
 * focus, with a copy button, then the dialog's close button. Where the clipboard is refused, the
 * field takes the focus so the secret can still be copied by hand.
 */
export function OneTimeSecret(props: {
  /** The field's element id; unique on the page. */
  id: string;
  label: string;
  value: string;
  copyLabel: string;
  copiedLabel: string;
  closeLabel: string;
  onClose: () => void;
}) {
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
    } catch {
      document.getElementById(props.id)?.focus();
    }
  };
  return (
    <>
      <div class="secret">
        <label class="visually-hidden" for={props.id}>
          {props.label}
        </label>
        <input
          id={props.id}
          class="field__input secret__value"
          readOnly
          value={props.value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="secondary" onClick={copy}>
          {copied() ? props.copiedLabel : props.copyLabel}
        </Button>
      </div>
      <div class="dialog__actions">
        <Button onClick={() => props.onClose()}>{props.closeLabel}</Button>
      </div>
    </>
  );
}
