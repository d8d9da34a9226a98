import { describe, expect, it } from 'vitest';
import { locales } from '../../lib/i18n/locale.js';
import { customer360Messages } from './360-messages.js';

// lib/i18n/catalogs.test.ts finds files named exactly messages.ts; this catalog has its own name.
describe('the 360° catalog', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    expect(Object.keys(customer360Messages['zh-CN']).sort()).toEqual(
      Object.keys(customer360Messages.en).sort(),
    );
    for (const locale of locales) {
      for (const [key, text] of Object.entries(customer360Messages[locale])) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(customer360Messages.en)) {
      expect(
        placeholders(customer360Messages['zh-CN'][key as keyof typeof customer360Messages.en]),
        key,
      ).toEqual(placeholders(english));
    }
  });
});
