import { describe, expect, it } from 'vitest';
// The generated client is regenerated from the domain's event catalog (its staleness test fails otherwise):
// its text is the catalog's type list as the SPA may know it, without importing @crm/domain.
import generatedSchema from '../api/schema.d.ts?raw';
import { locales } from '../i18n/locale.js';
import { eventNameMessages } from './event-name-messages.js';

function catalogEventTypes(schema: string): string[] {
  const entry = schema.slice(schema.indexOf('EventCatalogEntry: {'));
  const union = /\btype: ((?:"[^"]+"(?: \| )?)+);/.exec(entry)?.[1] ?? '';
  return [...union.matchAll(/"([^"]+)"/g)].map((match) => match[1] as string);
}

describe('event names', () => {
  const types = catalogEventTypes(generatedSchema);

  it('reads the catalog’s event types from the generated client', () => {
    expect(types.length).toBeGreaterThan(40);
    expect(types).toContain('customer.updated');
  });

  it.each(locales)('names every catalog event in %s, and nothing else', (locale) => {
    const named = eventNameMessages[locale] as Readonly<Record<string, string>>;
    expect(types.filter((type) => !named[type]?.trim())).toEqual([]);
    expect(Object.keys(named).filter((type) => !types.includes(type))).toEqual([]);
  });
});
