import { type ChurnPolicy, defaultChurnPolicy } from '@crm/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InvitedUser, inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

/** The tenant's churn thresholds (GET/PUT /v1/churn/policy) through the HTTP API on DynamoDB Local. */
describe('churn policy', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let member: InvitedUser;
  let partner: InvitedUser;
  let other: SignedUpTenant;

  // Every threshold off its default, so a read can tell the saved policy from the default.
  const stricter: ChurnPolicy = {
    atRiskGapRatio: 1.2,
    dormantGapRatio: 2.5,
    lostGapRatio: 5,
    atRiskBelowPAlive: 0.6,
    dormantBelowPAlive: 0.3,
    lostBelowPAlive: 0.1,
    defaultGapDays: 60,
    reorderReminderLeadDays: 7,
  };
  const read = (auth: { Authorization: string }) => call(app, 'GET', '/v1/churn/policy', { auth });
  const replace = (auth: { Authorization: string }, policy: unknown, version: number) =>
    call(app, 'PUT', '/v1/churn/policy', { auth, body: { policy, version } });

  beforeAll(async () => {
    [owner, other] = await Promise.all([
      signUpTenant(app, 'Churn Policy Tenant'),
      signUpTenant(app, 'Other Churn Tenant'),
    ]);
    [member, partner] = await Promise.all([
      inviteUser(app, owner.auth, 'member'),
      inviteUser(app, owner.auth, 'partner'),
    ]);
  });

  it('answers the default thresholds at version 0 until an admin saves some', async () => {
    const first = await read(member.auth);

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ policy: defaultChurnPolicy, version: 0, updatedAt: null });
  });

  it('names the field of a bad body with 400 and keeps the policy as it was', async () => {
    const before = (await read(owner.auth)).body;
    const at = before.version as number;

    const outOfRange = await replace(owner.auth, { ...stricter, defaultGapDays: 0 }, at);
    const notRising = await replace(owner.auth, { ...stricter, dormantGapRatio: 1.1 }, at);
    const unknownField = await replace(owner.auth, { ...stricter, lostAfterDays: 30 }, at);

    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error).toMatchObject({
      fields: [expect.objectContaining({ path: 'policy.defaultGapDays' })],
    });
    expect(notRising.status).toBe(400);
    expect(notRising.body.error).toMatchObject({
      fields: [expect.objectContaining({ path: 'policy.dormantGapRatio' })],
    });
    expect(unknownField.status).toBe(400);
    expect((await read(owner.auth)).body).toEqual(before);
  });

  it('refuses a member and a partner the change with 403, and a partner even the read', async () => {
    const before = (await read(owner.auth)).body;
    const at = before.version as number;

    const byMember = await replace(member.auth, stricter, at);
    const byPartner = await replace(partner.auth, stricter, at);
    const readByPartner = await read(partner.auth);

    expect(byMember.status).toBe(403);
    expect(byPartner.status).toBe(403);
    expect(readByPartner.status).toBe(403);
    expect((await read(owner.auth)).body).toEqual(before);
  });

  it('replaces the policy at the version read; a stale version answers 409', async () => {
    const at = (await read(owner.auth)).body.version as number;

    const saved = await replace(owner.auth, stricter, at);

    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ policy: stricter, version: at + 1 });
    expect((await read(member.auth)).body).toMatchObject({ policy: stricter, version: at + 1 });
    expect((await replace(owner.auth, defaultChurnPolicy, at)).status).toBe(409);
    expect((await read(owner.auth)).body).toMatchObject({ policy: stricter, version: at + 1 });
  });

  it('keeps each tenant’s policy its own: another tenant neither sees nor changes it', async () => {
    const ownersPolicy = { ...stricter, defaultGapDays: 45 };
    const saved = await replace(owner.auth, ownersPolicy, (await read(owner.auth)).body.version as number);
    expect(saved.status).toBe(200);
    const before = (await read(owner.auth)).body;

    const seenByOther = await read(other.auth);
    expect(seenByOther.body).toEqual({ policy: defaultChurnPolicy, version: 0, updatedAt: null });
    const loosened = { ...defaultChurnPolicy, defaultGapDays: 365 };
    // At the version the owner's policy is at: a shared item would take it.
    const byOther = await replace(other.auth, loosened, before.version as number);
    expect(byOther.status).toBe(409);
    const ownByOther = await replace(other.auth, loosened, 0);
    expect(ownByOther.status).toBe(200);

    expect((await read(owner.auth)).body).toEqual(before);
    expect((await read(other.auth)).body).toMatchObject({ policy: loosened, version: 1 });
  });
});
