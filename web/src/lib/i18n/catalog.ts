import type { Locale } from './locale.js';

/** One language's messages: flat keys, `{{name}}` placeholders. */
export type MessageTable = Readonly<Record<string, string>>;

/** A catalog in every locale; the Chinese table must have exactly the English keys. */
export type Catalog<T extends MessageTable = MessageTable> = {
  readonly en: T;
  readonly 'zh-CN': Readonly<Record<keyof T, string>>;
};

/**
 * Declares a feature's (or the shell's) messages; TypeScript checks that both languages have the
 * same keys, and `catalogs.test.ts` checks it again at run time for every catalog.
 *
 * @example
 * export const messages = defineMessages({
 *   en: { title: 'Customers', count: '{{count}} customers' },
 *   'zh-CN': { title: '客户', count: '{{count}} 位客户' },
 * });
 */
export function defineMessages<const T extends MessageTable>(catalog: {
  en: T;
  'zh-CN': Record<keyof T, string>;
}): Catalog<T> {
  return catalog;
}

export type MessageKey<C extends Catalog> = keyof C['en'] & string;

export type TemplateArgs = Readonly<Record<string, string | number>>;

export function tableFor<C extends Catalog>(catalog: C, locale: Locale): Readonly<Record<string, string>> {
  return catalog[locale] as Readonly<Record<string, string>>;
}
