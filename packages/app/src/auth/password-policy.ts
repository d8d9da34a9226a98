import { DomainError } from '@crm/domain';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * NIST SP 800-63B §5.1.1.2: at least 10 characters here (the schema checks length and
 * whitespace), no composition rules, and refused when it is a commonly used password. The list is
 * zxcvbn-ts's common-password dictionary (≈49k entries from breach corpora), bundled, so it works
 * offline; only its entries long enough to pass the length rule matter.
 */
const commonPasswords = new Set(
  dictionary['passwords-common'].filter((word) => word.length >= 10).map((word) => word.toLowerCase()),
);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.normalize('NFKC').toLowerCase());
}

/** Throws the same field-level 400 as a schema failure when the password is a common one. */
export function assertAcceptablePassword(password: string, path = 'password'): void {
  if (isCommonPassword(password)) {
    throw new DomainError('validation_failed', `Invalid json: ${path}: is a commonly used password`, {
      fields: [{ path, message: 'is a commonly used password; choose another', code: 'common_password' }],
    });
  }
}
