import { useSharedMessages } from '../i18n/i18n-context.js';
import { FormField } from '../ui/form-field.js';

/**
 * The e-mail address that names a person's account (logging in, signing up, asking for a link):
 * marked `username` so password managers pair it with the password they keep.
 */
export function AccountEmailField(props: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  autofocus?: boolean;
}) {
  const t = useSharedMessages();
  return (
    <FormField
      name="email"
      type="email"
      autocomplete="username"
      label={t('auth.email')}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      required
      autofocus={props.autofocus}
    />
  );
}
