import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { KpiValue } from './kpi-value.js';

describe('KpiValue', () => {
  it('sets an amount too long for a card smaller, and leaves counts and shares as they are', () => {
    render(() => (
      <>
        <KpiValue value="US$753,388" name="revenue" />
        <KpiValue value="23,570" />
        <KpiValue value="59.2%" />
      </>
    ));
    expect(screen.getByText('US$753,388').classList.contains('kpi__value--long')).toBe(true);
    expect(screen.getByText('US$753,388').dataset.figure).toBe('revenue');
    expect(screen.getByText('23,570').classList.contains('kpi__value--long')).toBe(false);
    expect(screen.getByText('59.2%').classList.contains('kpi__value--long')).toBe(false);
  });
});
