import { describe, expect, it } from 'vitest';
import { termInCell } from './term-in-cell.js';

describe('termInCell', () => {
  it('keeps the English of a bilingual term', () => {
    expect(termInCell('Consumer (个人客户)')).toBe('Consumer');
    expect(termInCell('Can’t lose (不能流失客户)')).toBe('Can’t lose');
  });

  it('keeps a Chinese term, and English brackets that hold no Chinese, whole', () => {
    expect(termInCell('个人客户')).toBe('个人客户');
    expect(termInCell('Wholesale (EU)')).toBe('Wholesale (EU)');
    expect(termInCell('(个人客户)')).toBe('(个人客户)');
  });
});
