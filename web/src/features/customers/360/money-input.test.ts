import { describe, expect, it } from 'vitest';
import { currencyDigits } from '../../../lib/i18n/format.js';
import { toMinorUnits } from './money-input.js';

describe('toMinorUnits', () => {
  it('turns major units into integer minor units without floating point', () => {
    expect(toMinorUnits('128.50', 'CNY')).toBe(12850);
    expect(toMinorUnits('0.1', 'USD')).toBe(10);
    expect(toMinorUnits('1,280.07', 'USD')).toBe(128007);
    expect(toMinorUnits(' 42 ', 'CNY')).toBe(4200);
  });

  it('reads a decimal comma', () => {
    expect(toMinorUnits('128,5', 'EUR')).toBe(12850);
  });

  it('knows currencies without minor units', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('1500.5', 'JPY')).toBeUndefined();
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '-5', '1.234', '1.2.3', '¥5']) {
      expect(toMinorUnits(text, 'CNY'), text).toBeUndefined();
    }
  });
});
