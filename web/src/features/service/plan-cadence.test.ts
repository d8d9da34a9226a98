import { describe, expect, it } from 'vitest';
import type { Translate } from '../../lib/i18n/i18n-context.js';
import { serviceMessages } from './messages.js';
import { planCadence } from './plan-cadence.js';

const translator =
  (locale: 'en' | 'zh-CN'): Translate<typeof serviceMessages> =>
  (key, args) =>
    (serviceMessages[locale][key] as string).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
      String(args?.[name] ?? ''),
    );

describe('planCadence', () => {
  it('says "every month" for one and counts the rest, in both languages', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    expect(planCadence(en, { count: 1, unit: 'months' })).toBe('Every month');
    expect(planCadence(en, { count: 1, unit: 'weeks' })).toBe('Every week');
    expect(planCadence(en, { count: 3, unit: 'months' })).toBe('Every 3 months');
    expect(planCadence(zh, { count: 1, unit: 'months' })).toBe('每月');
    expect(planCadence(zh, { count: 2, unit: 'weeks' })).toBe('每 2 周');
  });
});
