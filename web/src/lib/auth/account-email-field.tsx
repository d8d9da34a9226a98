import { useSharedMessages } from '../i18n/i18n-context.js';
import { FormField, type PresetFieldProps } from '../ui/form-field.js';

/**
 * The e-mail address that names a person's account (logging in, signing up, asking for a link):
 * marked `username` so password managers pair it with the password they keep.
 */
export function AccountEmailField(props: PresetFieldProps) {
  const t = useSharedMessages();
  return (
    <FormField
      name="email"
      type="email"
      autocomplete="username"
      label={t('auth.email')}
      required
      {...props}
    />
  );
}
