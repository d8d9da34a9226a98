import { describe, expect, it } from 'vitest';
import { customerFormMessages } from './form-messages.js';
import { customersListMessages } from './list-messages.js';

// lib/i18n/catalogs.test.ts finds files named messages.ts; these two catalogs get the same checks here.
const catalogs = [
  { name: 'list-messages', catalog: customersListMessages },
  { name: 'form-messages', catalog: customerFormMessages },
];
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the customers list and form catalogs', () => {
  it.each(catalogs)(
    '$name has the same keys and placeholders in both languages, none empty',
    ({ catalog }) => {
      const english: Record<string, string> = catalog.en;
      const chinese: Record<string, string> = catalog['zh-CN'];
      expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        expect(text.trim(), key).not.toBe('');
        expect((chinese[key] ?? '').trim(), key).not.toBe('');
        expect(placeholders(chinese[key] ?? ''), key).toEqual(placeholders(text));
      }
    },
  );
});
