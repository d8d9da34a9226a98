import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keys, tenantKeyPrefix, tenantOfKey } from './keys.js';

describe('keys', () => {
  it('builds the exact customer key strings', () => {
    expect(keys.customer('01TENANT', '01CUST')).toEqual({ pk: 'T#01TENANT#C#01CUST', sk: 'PROFILE' });
    expect(keys.tenant('01TENANT')).toEqual({ pk: 'T#01TENANT#TENANT', sk: 'TENANT' });
  });

  it('refuses a tenant id that could escape its prefix', () => {
    expect(() => tenantKeyPrefix('a#b')).toThrow(/invalid tenant id/);
    expect(() => tenantKeyPrefix('')).toThrow(/invalid tenant id/);
  });

  it('reads the tenant back from every key it builds', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-Z]{1,26}$/),
        fc.stringMatching(/^[0-9A-Z]{1,26}$/),
        (tenantId, customerId) => {
          expect(tenantOfKey(keys.customer(tenantId, customerId).pk)).toBe(tenantId);
        },
      ),
    );
  });
});
