import * as i18n from '@solid-primitives/i18n';
import {
  type Accessor,
  createContext,
  createEffect,
  createMemo,
  createSignal,
  type ParentProps,
  useContext,
} from 'solid-js';
import type { Catalog, MessageKey, TemplateArgs } from './catalog.js';
import { initialLocale, type Locale, type Localized, rememberLocale } from './locale.js';
import { sharedMessages } from './messages.js';

type I18nContextValue = {
  locale: Accessor<Locale>;
  setLocale: (locale: Locale) => void;
};

const I18nContext = createContext<I18nContextValue>();

/** Holds the language: remembered in localStorage and mirrored on `<html lang>`. */
export function I18nProvider(props: ParentProps<{ locale?: Locale }>) {
  const [locale, setLocaleSignal] = createSignal<Locale>(props.locale ?? initialLocale());
  const setLocale = (next: Locale) => {
    rememberLocale(next);
    setLocaleSignal(next);
  };
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  return <I18nContext.Provider value={{ locale, setLocale }}>{props.children}</I18nContext.Provider>;
}

export function useLocale(): I18nContextValue {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useLocale needs <I18nProvider>');
  return context;
}

export type Translate<C extends Catalog> = (key: MessageKey<C>, args?: TemplateArgs) => string;

/**
 * A translator for one catalog that follows the current language. Given a `count` of 1, it uses
 * the key's `_one` form when the catalog has one ('x_one': '{{count}} customer').
 *
 * @example
 * const t = useMessages(customersMessages);
 * <h1>{t('title')}</h1>
 */
export function useMessages<C extends Catalog>(catalog: C): Translate<C> {
  const { locale } = useLocale();
  const dictionary = createMemo(() => i18n.flatten(catalog[locale()] as Record<string, string>));
  const translate = i18n.translator(dictionary, i18n.resolveTemplate);
  return (key, args) => {
    // English says "1 customer", not "1 customers": a key may have a `_one` form for a count of one.
    const one = args !== undefined && Number(args.count) === 1 ? translate(`${key}_one`, args) : undefined;
    const text = typeof one === 'string' ? one : translate(key, args);
    return typeof text === 'string' ? text : key;
  };
}

/** The shell's shared messages (buttons, states, auth screens). */
export function useSharedMessages(): Translate<typeof sharedMessages> {
  return useMessages(sharedMessages);
}

/** Picks the current language's string from a `Localized` pair. */
export function useLocalized(): (text: Localized) => string {
  const { locale } = useLocale();
  return (text) => text[locale()];
}

/**
 * A label and its colon, with the value when given, in the current language: Chinese takes the
 * full-width colon, which carries its own spacing ("主题：春季优惠"); English a colon and a space
 * ("Subject: Spring offer"). Without a value the English form keeps its space, so the value
 * (another element) follows as it would in running text.
 */
export function useLabelled(): (label: string, value?: string | number) => string {
  const { locale } = useLocale();
  return (label, value) => `${label}${locale() === 'zh-CN' ? '：' : ': '}${value ?? ''}`;
}
