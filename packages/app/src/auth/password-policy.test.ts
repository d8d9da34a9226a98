import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './password-policy.js';

describe('the common-password list', () => {
  it('knows passwords from breach corpora, whatever their case', () => {
    expect(isCommonPassword('1234567890')).toBe(true);
    expect(isCommonPassword('password123')).toBe(true);
    expect(isCommonPassword('QwertyUIOP')).toBe(true);
  });

  it('lets uncommon passphrases through', () => {
    expect(isCommonPassword('correct-horse-battery')).toBe(false);
    expect(isCommonPassword('demo-password-2026')).toBe(false);
    expect(isCommonPassword('门前大桥下游过一群鸭')).toBe(false);
  });
});
