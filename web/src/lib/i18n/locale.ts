import type { components } from '../api/schema.js';

/** The languages the product speaks; the same list as the API's `Locale`. */
export type Locale = components['schemas']['Locale'];

export const locales: readonly Locale[] = ['zh-CN', 'en'];

/** A string in every locale: feature labels that must load before the feature's own catalog. */
export type Localized = Readonly<Record<Locale, string>>;

const STORAGE_KEY = 'crm.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's language (Chinese if it prefers any zh), else Chinese. */
export function initialLocale(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): Locale {
  const remembered = storage?.getItem(STORAGE_KEY);
  if (isLocale(remembered)) return remembered;
  const preferred = languages.find((language) => /^(zh|en)\b/i.test(language));
  if (preferred) return preferred.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  return 'zh-CN';
}

export function rememberLocale(
  locale: Locale,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  storage?.setItem(STORAGE_KEY, locale);
}
