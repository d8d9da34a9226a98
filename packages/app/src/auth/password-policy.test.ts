import { DomainError } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword, isCommonPassword } from './password-policy.js';

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

  it('refuses a common password as a field issue with a code a client can word', () => {
    const refusal = (() => {
      try {
        assertAcceptablePassword('password123', 'newPassword');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).fields).toEqual([
      {
        path: 'newPassword',
        message: 'is a commonly used password; choose another',
        code: 'common_password',
      },
    ]);
  });
});
