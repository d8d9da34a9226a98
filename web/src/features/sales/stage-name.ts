import { useLocale } from '../../lib/i18n/i18n-context.js';

/** A stage or pipeline name in the reader's language (the API keeps both). */
export function useStageName() {
  const { locale } = useLocale();
  return (name: { zh: string; en: string }) => (locale() === 'en' ? name.en : name.zh);
}
