import { createScryptHasher, LOGIN_THROTTLE, SURVEY_PAGE_THROTTLE } from '@crm/app';
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../support/invite-user.js';
import { latestMail, mailedToken } from '../support/mailbox.js';
import {
  CLIENT_ADDRESS_HEADER,
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';

const PARALLEL = 25;

function statuses(results: { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe('finding 3: the login throttle holds under parallel requests', () => {
  const app = createTestApp();

  it(`evaluates at most ${LOGIN_THROTTLE.limit} of ${PARALLEL} parallel wrong logins; the rest 429`, async () => {
    const owner = await signUpTenant(app);
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        call(app, 'POST', '/v1/auth/login', {
          body: { email: owner.email, password: `wrong-password-${i}` },
        }),
      ),
    );
    const counts = statuses(results);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(LOGIN_THROTTLE.limit);
    expect(counts[429]).toBe(PARALLEL - (counts[401] ?? 0));
    const right = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the public survey page is throttled per client address (issue 14)', () => {
  const app = createTestApp();

  it(`answers at most ${SURVEY_PAGE_THROTTLE.limit} link tries from one address in the window, then 429 with Retry-After; another address is not held`, async () => {
    const forged = (i: number) => `${'F'.repeat(40)}${String(i).padStart(3, '0')}`;
    const address = '198.51.100.14';
    // Guessing links is what the throttle stops: forged links count like real ones.
    const results = await Promise.all(
      Array.from({ length: SURVEY_PAGE_THROTTLE.limit + 5 }, (_, i) =>
        call(app, i % 2 === 0 ? 'GET' : 'POST', `/v1/public/surveys/${forged(i)}`, {
          headers: { [CLIENT_ADDRESS_HEADER]: address },
          ...(i % 2 === 0 ? {} : { body: { answers: { nps: 10 } } }),
        }),
      ),
    );
    const counts = statuses(results);
    expect(counts[404] ?? 0).toBeLessThanOrEqual(SURVEY_PAGE_THROTTLE.limit);
    expect(counts[429]).toBe(SURVEY_PAGE_THROTTLE.limit + 5 - (counts[404] ?? 0));
    const held = await call(app, 'GET', `/v1/public/surveys/${forged(999)}`, {
      headers: { [CLIENT_ADDRESS_HEADER]: address },
    });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    const elsewhere = await call(app, 'GET', `/v1/public/surveys/${forged(999)}`, {
      headers: { [CLIENT_ADDRESS_HEADER]: '198.51.100.15' },
    });
    expect(elsewhere.status).toBe(404);
  });
});

describe('finding 1: sign-up with an existing e-mail is no password oracle', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app);
  });

  it('answers the same status and body for the right and a wrong password', async () => {
    const signup = (password: string) =>
      call(app, 'POST', '/v1/auth/signup', { body: { tenantName: 'Squat', email: owner.email, password } });
    const wrong = await signup('not-the-password-1');
    const right = await signup(TEST_PASSWORD);
    expect(wrong.status).toBe(202);
    expect({ status: right.status, body: right.body }).toEqual({ status: wrong.status, body: wrong.body });
    expect(right.body).not.toHaveProperty('accessToken');
    expect(await latestMail(owner.email, 'signup-existing-account')).toBeDefined();
  });

  it('goes through the login throttle: parallel sign-ups are evaluated at most 5 times', async () => {
    const other = await signUpTenant(app);
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        call(app, 'POST', '/v1/auth/signup', {
          body: { tenantName: 'Squat', email: other.email, password: `guess-number-${i}` },
        }),
      ),
    );
    const counts = statuses(results);
    expect(counts[202] ?? 0).toBeLessThanOrEqual(LOGIN_THROTTLE.limit);
    expect(counts[429]).toBe(PARALLEL - (counts[202] ?? 0));
    const login = await call(app, 'POST', '/v1/auth/login', {
      body: { email: other.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(429);
  });

  it('creates a second tenant only for the right password of a confirmed address', async () => {
    const person = await signUpTenant(app);
    const unconfirmed = await call(app, 'POST', '/v1/auth/signup', {
      body: { tenantName: 'Second', email: person.email, password: TEST_PASSWORD },
    });
    expect(unconfirmed.status).toBe(202);
    const oneTenant = await call(app, 'POST', '/v1/auth/login', {
      body: { email: person.email, password: TEST_PASSWORD },
    });
    expect(oneTenant.status).toBe(200);

    const token = await mailedToken(person.email, 'verify-email');
    expect((await call(app, 'POST', '/v1/auth/verify-email', { body: { token } })).status).toBe(204);
    const confirmed = await call(app, 'POST', '/v1/auth/signup', {
      body: { tenantName: 'Second', email: person.email, password: TEST_PASSWORD },
    });
    expect(confirmed.status).toBe(202);
    const twoTenants = await call(app, 'POST', '/v1/auth/login', {
      body: { email: person.email, password: TEST_PASSWORD },
    });
    expect(twoTenants.status).toBe(409);
  });

  it('a verification link works once, even when used in parallel', async () => {
    const person = await signUpTenant(app);
    const token = await mailedToken(person.email, 'verify-email');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(app, 'POST', '/v1/auth/verify-email', { body: { token } })),
    );
    expect(statuses(results)).toEqual({ 204: 1, 400: 4 });
  });
});

describe('finding 1: invitation acceptance', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app);
  });

  it('answers an unknown link and a wrong password alike', async () => {
    // The invitee already has an account elsewhere, so the link asks for that password.
    const invitee = await signUpTenant(app);
    const invite = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email: invitee.email, role: 'member' },
    });
    expect(invite.status).toBe(201);
    const token = await mailedToken(invitee.email, 'accept-invitation');
    const wrongPassword = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: 'not-the-password-1' },
    });
    const unknownLink = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token: 'no-such-invitation-token', password: 'not-the-password-1' },
    });
    expect(wrongPassword.status).toBe(401);
    expect({ status: unknownLink.status, body: unknownLink.body }).toEqual({
      status: wrongPassword.status,
      body: wrongPassword.body,
    });
    const right = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: TEST_PASSWORD },
    });
    expect(right.status).toBe(200);
  });

  it('evaluates at most 5 of 25 parallel guesses at one link; the rest 429', async () => {
    const invitee = await signUpTenant(app);
    await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email: invitee.email, role: 'member' },
    });
    const token = await mailedToken(invitee.email, 'accept-invitation');
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        call(app, 'POST', '/v1/auth/accept-invitation', { body: { token, password: `guess-number-${i}` } }),
      ),
    );
    const counts = statuses(results);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(5);
    expect(counts[429]).toBe(PARALLEL - (counts[401] ?? 0));
  });
});

describe('finding 1: password reset by a mailed one-time link', () => {
  const app = createTestApp();

  it('sets a new password once, ends every session, and answers any e-mail alike', async () => {
    const owner = await signUpTenant(app);
    const known = await call(app, 'POST', '/v1/auth/password-reset/request', {
      body: { email: owner.email },
    });
    const unknown = await call(app, 'POST', '/v1/auth/password-reset/request', {
      body: { email: uniqueEmail('nobody') },
    });
    expect(known.status).toBe(202);
    expect({ status: unknown.status, body: unknown.body }).toEqual({
      status: known.status,
      body: known.body,
    });

    const token = await mailedToken(owner.email, 'reset-password');
    expect(token).toBeDefined();
    const newPassword = 'a-brand-new-passphrase';
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(app, 'POST', '/v1/auth/password-reset', { body: { token, password: newPassword } }),
      ),
    );
    expect(statuses(results)).toEqual({ 204: 1, 400: 4 });

    const old = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(old.status).toBe(401);
    const fresh = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: newPassword },
    });
    expect(fresh.status).toBe(200);
    const refreshed = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    expect(refreshed.status).toBe(401);
  });

  it('refuses an expired link', async () => {
    let now = Date.now();
    const timed = createTestApp({ clock: () => new Date(now) });
    const owner = await signUpTenant(timed);
    await call(timed, 'POST', '/v1/auth/password-reset/request', { body: { email: owner.email } });
    const token = await mailedToken(owner.email, 'reset-password');
    now += 31 * 60 * 1000;
    const late = await call(timed, 'POST', '/v1/auth/password-reset', {
      body: { token, password: 'a-brand-new-passphrase' },
    });
    expect(late.status).toBe(400);
  });

  it('sends at most 3 mails an hour per e-mail, however many parallel requests', async () => {
    const owner = await signUpTenant(app);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(app, 'POST', '/v1/auth/password-reset/request', { body: { email: owner.email } }),
      ),
    );
    expect(statuses(results)).toEqual({ 202: 3, 429: 7 });
  });
});

describe('finding 12: floods of logins to unknown e-mails', () => {
  it('throttles one client address across e-mails, under parallel requests', async () => {
    const app = createTestApp();
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const results = await Promise.all(
      Array.from({ length: 80 }, () =>
        call(app, 'POST', '/v1/auth/login', {
          headers: { [CLIENT_ADDRESS_HEADER]: address },
          body: { email: uniqueEmail('nobody'), password: 'some-password-1' },
        }),
      ),
    );
    const counts = statuses(results);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(60);
    expect(counts[429] ?? 0).toBeGreaterThanOrEqual(20);
  });

  it('refuses at once, instead of queueing, what the bounded password hashing cannot take', async () => {
    // The hashing is held until every request has either been refused or is hashing or waiting:
    // on a busy machine a cheap hash would finish before the next request arrived, and nothing
    // would ever queue. One may hash and two wait, so 27 of 30 must be refused.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hasher = createScryptHasher({ N: 2 ** 10 });
    const app = createTestApp({
      hashingBounds: { concurrency: 1, maxWaiting: 2 },
      passwordHasher: {
        hash: (password) => hasher.hash(password),
        verify: async (password, stored) => {
          await released;
          return hasher.verify(password, stored);
        },
      },
    });
    const member = await inviteUser(app, (await signUpTenant(app)).auth, 'member');
    // Were the waiting unbounded, no request would be refused: the counts below then fail.
    const safety = setTimeout(release, 10_000);
    let refused = 0;
    const flood = Array.from({ length: 30 }, (_, i) =>
      call(app, 'POST', '/v1/auth/login', {
        headers: { [CLIENT_ADDRESS_HEADER]: `203.0.113.${i}` },
        body: { email: uniqueEmail('nobody'), password: 'some-password-1' },
      }).then((result) => {
        if (result.status === 429 && ++refused === 27) release();
        return result;
      }),
    );
    const counts = statuses(await Promise.all(flood));
    clearTimeout(safety);
    expect(counts[429]).toBe(27);
    expect(counts[401]).toBe(3);
    const real = await call(app, 'POST', '/v1/auth/login', {
      body: { email: member.email, password: TEST_PASSWORD },
    });
    expect(real.status).toBe(200);
  });
});
