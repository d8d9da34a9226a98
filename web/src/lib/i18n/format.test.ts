import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatMoneyEstimate, formatNumber } from './format.js';
import { initialLocale } from './locale.js';

describe('formatMoney', () => {
  it('reads integer minor units with the currency’s own decimals', () => {
    expect(formatMoney(123_456, 'CNY', 'zh-CN')).toBe('¥1,234.56');
    expect(formatMoney(123_456, 'USD', 'en')).toBe('$1,234.56');
    expect(formatMoney(1234, 'JPY', 'en')).toBe('¥1,234');
  });
});

describe('formatMoneyEstimate', () => {
  it('rounds a forecast of 100 units or more to whole units of its currency, and keeps the cents below', () => {
    expect(formatMoneyEstimate(75_338_814, 'USD', 'zh-CN')).toBe('US$753,388');
    expect(formatMoneyEstimate(123_456, 'CNY', 'zh-CN')).toBe('¥1,235');
    expect(formatMoneyEstimate(10_000, 'USD', 'en')).toBe('$100');
    expect(formatMoneyEstimate(412, 'USD', 'en')).toBe('$4.12');
    expect(formatMoneyEstimate(3, 'USD', 'en')).toBe('$0.03');
    expect(formatMoneyEstimate(1234, 'JPY', 'en')).toBe('¥1,234');
  });
});

describe('formatNumber and formatDate', () => {
  it('follow the locale and the tenant’s time zone', () => {
    expect(formatNumber(23_570, 'en')).toBe('23,570');
    // 2026-03-01T17:00Z is already 2 March in Shanghai.
    expect(formatDate('2026-03-01T17:00:00Z', 'zh-CN', { timeZone: 'Asia/Shanghai' })).toBe('2026年3月2日');
    expect(formatDate('2026-03-01T17:00:00Z', 'en', { timeZone: 'UTC' })).toBe('Mar 1, 2026');
  });
});

describe('initialLocale', () => {
  it('prefers the remembered choice, then the browser, then Chinese', () => {
    const stored = (value: string | null) => ({ getItem: () => value });
    expect(initialLocale(stored('en'), ['zh-CN'])).toBe('en');
    expect(initialLocale(stored(null), ['en-GB', 'zh'])).toBe('en');
    expect(initialLocale(stored('fr'), ['fr-FR'])).toBe('zh-CN');
  });
});

describe('formatter reuse', () => {
  it('builds each Intl formatter once, however many cells it formats', () => {
    const Original = Intl.NumberFormat;
    let built = 0;
    Intl.NumberFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        built += 1;
      }
    } as typeof Original;
    try {
      for (let minor = 0; minor < 50; minor += 1) formatMoney(minor, 'KWD', 'en');
      expect(built).toBe(1);
      expect(formatMoney(1234, 'KWD', 'en')).toBe('KWD\u00a01.234');
      expect(formatMoney(1234, 'KWD', 'zh-CN')).not.toBe('');
      expect(built).toBe(2);
    } finally {
      Intl.NumberFormat = Original;
    }
  });
});
