import { describe, expect, it } from 'vitest';
import { fieldsNotShared, isShareLive, mergeGrants, normaliseShare, type Share } from './share.schema.js';

const now = new Date('2026-03-01T12:00:00Z');

function share(overrides: Partial<Share>): Share {
  return {
    id: 's1',
    customerId: 'c1',
    partnerId: 'u1',
    grantee: 'user',
    fields: ['phone'],
    canAddInteractions: false,
    access: 'read',
    validUntil: null,
    grantedBy: 'admin',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('share expiry', () => {
  it('works until the expiry instant, not at it', () => {
    expect(isShareLive(share({ validUntil: '2026-03-01T12:00:01Z' }), now)).toBe(true);
    expect(isShareLive(share({ validUntil: '2026-03-01T12:00:00Z' }), now)).toBe(false);
    expect(isShareLive(share({ validUntil: null }), now)).toBe(true);
  });
});

describe('mergeGrants', () => {
  it('unites the fields of the user and organisation shares, in the catalogue order', () => {
    const grant = mergeGrants(
      [
        share({ fields: ['email', 'phone'] }),
        share({ partnerId: 'org1', grantee: 'organisation', fields: ['tags'], access: 'read-write' }),
      ],
      now,
    );
    expect(grant).toEqual({
      fields: ['tags', 'phone', 'email'],
      access: 'read-write',
      canAddInteractions: false,
      organisationId: 'org1',
    });
  });

  it('ignores an expired share, and gives nothing when no share is live', () => {
    const expired = share({ grantee: 'organisation', partnerId: 'org1', validUntil: '2026-02-01T00:00:00Z' });
    expect(mergeGrants([expired], now)).toBeUndefined();
    expect(mergeGrants([share({ fields: ['phone'] }), { ...expired, fields: ['email'] }], now)).toEqual({
      fields: ['phone'],
      access: 'read',
      canAddInteractions: false,
      organisationId: null,
    });
  });
});

describe('fieldsNotShared', () => {
  it('names the patched fields the grant does not cover', () => {
    expect(fieldsNotShared({ fields: ['phone', 'tags'] }, ['phone', 'email', 'name'])).toEqual([
      'email',
      'name',
    ]);
  });
});

describe('normaliseShare', () => {
  it('reads a share stored before ids, access and expiry as a read share of a user, until revoked', () => {
    const { id: _id, grantee: _g, access: _a, validUntil: _e, ...old } = share({});
    expect(normaliseShare(old)).toEqual(share({ id: 'u1:c1' }));
  });
});
