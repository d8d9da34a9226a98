import { useSharedMessages } from '../i18n/i18n-context.js';
import { FormField, type PresetFieldProps } from '../ui/form-field.js';

/**
 * The password a person chooses (signing up, accepting an invitation, resetting it): marked
 * `new-password` so password managers offer to generate and save one, with the policy's hint.
 */
export function NewPasswordField(props: PresetFieldProps) {
  const t = useSharedMessages();
  return (
    <FormField
      name="password"
      type="password"
      autocomplete="new-password"
      label={t('auth.password')}
      description={t('auth.passwordHint')}
      required
      {...props}
    />
  );
}
