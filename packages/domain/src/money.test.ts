import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMinorUnits, MAX_MONEY_TOTAL, parseDecimalToMinor } from './money.js';

describe('parseDecimalToMinor', () => {
  it('reads amounts as files write them', () => {
    expect(parseDecimalToMinor('11.77')).toBe(1177);
    expect(parseDecimalToMinor('12')).toBe(1200);
    expect(parseDecimalToMinor('0.5')).toBe(50);
    expect(parseDecimalToMinor('.5')).toBe(50);
    expect(parseDecimalToMinor('-3.10')).toBe(-310);
    expect(parseDecimalToMinor('1,234.00')).toBe(123400);
    expect(parseDecimalToMinor(' 7.00 ')).toBe(700);
    expect(parseDecimalToMinor('100', 0)).toBe(100);
  });

  it('refuses what is not a plain decimal of the currency', () => {
    for (const bad of ['', 'abc', '1.234', '1e5', '1.2.3', '--1', 'NaN', 'Infinity', '12,34']) {
      expect(parseDecimalToMinor(bad), bad).toBeUndefined();
    }
  });

  it('round-trips every integer number of cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const sign = cents < 0 ? '-' : '';
        const abs = Math.abs(cents);
        const text = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
        expect(parseDecimalToMinor(text)).toBe(cents === 0 ? 0 : cents);
      }),
    );
  });
});

describe('addMinorUnits', () => {
  it('adds exactly up to the maximum total and refuses anything past it', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (total, amount) => {
        const sum = addMinorUnits(total, amount);
        if (BigInt(total) + BigInt(amount) <= BigInt(MAX_MONEY_TOTAL)) {
          expect(sum).toBe(total + amount);
        } else {
          expect(sum).toBeUndefined();
        }
      }),
    );
    expect(addMinorUnits(MAX_MONEY_TOTAL, 1)).toBeUndefined();
    expect(addMinorUnits(0.5, 1)).toBeUndefined();
  });
});
