import { describe, expect, it } from 'vitest';
import { features } from '../../features/registry.js';
import type { Catalog } from './catalog.js';
import { locales } from './locale.js';

// Every catalog file in the app (messages.ts, *-messages.ts), found by path, so a new one is checked unregistered.
const modules = import.meta.glob<Record<string, unknown>>(
  ['../../**/messages.ts', '../../**/*-messages.ts'],
  { eager: true },
);

function isCatalog(value: unknown): value is Catalog {
  return typeof value === 'object' && value !== null && 'en' in value && 'zh-CN' in value;
}

const catalogs = Object.entries(modules).flatMap(([path, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isCatalog(value))
    .map(([name, value]) => ({ name: `${path} ${name}`, catalog: value as Catalog })),
);

describe('message catalogs', () => {
  it('are found for the shell and every feature folder', () => {
    const paths = Object.keys(modules);
    expect(paths).toContain('./messages.ts');
    for (const feature of features) expect(paths).toContain(`../../features/${feature.id}/messages.ts`);
  });

  it.each(catalogs)('$name has the same keys in zh-CN and en, none empty', ({ catalog }) => {
    expect(Object.keys(catalog['zh-CN']).sort()).toEqual(Object.keys(catalog.en).sort());
    for (const locale of locales) {
      for (const [key, text] of Object.entries(catalog[locale]))
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it.each(catalogs)('$name uses the same {{placeholders}} in both languages', ({ catalog }) => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(catalog.en)) {
      expect(placeholders(catalog['zh-CN'][key] ?? ''), key).toEqual(placeholders(english));
    }
  });

  it.each(catalogs)('$name writes Chinese colons full-width (主题：, never 主题:)', ({ catalog }) => {
    // A colon after Chinese text, or closing a label, is "：" in Chinese typography. (An ASCII
    // colon inside Latin text, e.g. the header "Authorization: Bearer", stays as it is.)
    for (const [key, text] of Object.entries(catalog['zh-CN'])) {
      expect(text, key).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]\s*:|:\s*$/);
    }
  });

  it('gives every sidebar entry a label in both languages', () => {
    for (const feature of features) {
      for (const locale of locales)
        expect(feature.nav?.label[locale]?.trim() ?? 'no nav', feature.id).not.toBe('');
    }
  });
});
