import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keys, platformKeys, tenantKeyPrefix, tenantOfKey } from './keys.js';

describe('keys', () => {
  it('builds the exact tenant-scoped key strings', () => {
    expect(keys.tenant('01T')).toEqual({ pk: 'T#01T#TENANT', sk: 'TENANT' });
    expect(keys.customer('01T', '01C')).toEqual({ pk: 'T#01T#C#01C', sk: 'PROFILE' });
    expect(keys.user('01T', '01U')).toEqual({ pk: 'T#01T#USER#01U', sk: 'USER' });
    expect(keys.usersIndex('01T', 'a@b.c')).toEqual({ gsi1pk: 'T#01T#USERS', gsi1sk: 'a@b.c' });
    expect(keys.userEmail('01T', 'a@b.c')).toEqual({ pk: 'T#01T#USEREMAIL#a@b.c', sk: 'USEREMAIL' });
    expect(keys.session('01T', 'F1')).toEqual({ pk: 'T#01T#SESSION#F1', sk: 'SESSION' });
    expect(keys.apiKey('01T', 'K1')).toEqual({ pk: 'T#01T#APIKEY#K1', sk: 'APIKEY' });
    expect(keys.mail('01T', 'M1')).toEqual({ pk: 'T#01T#OUTBOX', sk: 'MAIL#M1' });
  });

  it('builds the exact platform key strings, none of which reads as a tenant key', () => {
    expect(platformKeys.identity('a@b.c')).toEqual({ pk: 'P#ID#a@b.c', sk: 'IDENTITY' });
    expect(platformKeys.membership('a@b.c', '01T')).toEqual({ pk: 'P#ID#a@b.c', sk: 'M#01T' });
    expect(platformKeys.invitation('h')).toEqual({ pk: 'P#INVITE#h', sk: 'INVITE' });
    expect(platformKeys.loginThrottle('a@b.c')).toEqual({ pk: 'P#THROTTLE#a@b.c', sk: 'LOGIN' });
    expect(tenantOfKey(platformKeys.identity('T#x#@b.c').pk)).toBeUndefined();
  });

  it('builds the exact analytics model keys and the tenant registry key', () => {
    expect(keys.modelLatest('01T')).toEqual({ pk: 'T#01T#MODEL', sk: 'LATEST' });
    expect(keys.modelFit('01T', '2026-01-02T03:04:05.000Z', '01F')).toEqual({
      pk: 'T#01T#MODEL',
      sk: 'FIT#2026-01-02T03:04:05.000Z#01F',
    });
    expect(keys.modelPartition('01T')).toBe('T#01T#MODEL');
    expect(platformKeys.tenantRegistration('01T')).toEqual({ pk: 'P#TENANTS', sk: 'TENANT#01T' });
    expect(platformKeys.tenantRegistry).toBe('P#TENANTS');
    expect(tenantOfKey(platformKeys.tenantRegistration('01T').pk)).toBeUndefined();
  });

  it('refuses a tenant id that could escape its prefix', () => {
    expect(() => tenantKeyPrefix('a#b')).toThrow(/invalid tenant id/);
    expect(() => tenantKeyPrefix('')).toThrow(/invalid tenant id/);
  });

  it('reads the tenant back from every tenant key it builds', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-Z]{1,26}$/),
        fc.stringMatching(/^[0-9A-Z]{1,26}$/),
        (tenantId, id) => {
          expect(tenantOfKey(keys.customer(tenantId, id).pk)).toBe(tenantId);
          expect(tenantOfKey(keys.user(tenantId, id).pk)).toBe(tenantId);
          expect(tenantOfKey(keys.usersIndex(tenantId, `${id}@x`).gsi1pk)).toBe(tenantId);
        },
      ),
    );
  });
});
