import { describe, expect, it } from 'vitest';
import { deletionConfirmed, TenantDeletionRequestSchema } from './tenant-data.schema.js';

describe('tenant deletion confirmation', () => {
  it('accepts the tenant name typed with other case and surrounding spaces', () => {
    expect(deletionConfirmed('Acme 贸易', '  acme 贸易 ')).toBe(true);
  });

  it('refuses another name, a prefix or nothing', () => {
    expect(deletionConfirmed('Acme', 'Acme Ltd')).toBe(false);
    expect(deletionConfirmed('Acme Ltd', 'Acme')).toBe(false);
    expect(deletionConfirmed('Acme', '')).toBe(false);
  });

  it('requires the password and the confirmation and nothing else', () => {
    expect(TenantDeletionRequestSchema.safeParse({ confirmation: 'Acme' }).success).toBe(false);
    expect(
      TenantDeletionRequestSchema.safeParse({ confirmation: 'Acme', password: 'x', force: true }).success,
    ).toBe(false);
    expect(TenantDeletionRequestSchema.safeParse({ confirmation: 'Acme', password: 'x' }).success).toBe(true);
  });
});
