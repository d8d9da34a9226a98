import { describe, expect, it } from 'vitest';
import { sessionAnswer } from '../../test/fake-api.js';
import { createSessionStore, refreshDelayMs } from './session.js';

describe('refreshDelayMs', () => {
  it('renews a minute before a 15-minute token expires', () => {
    expect(refreshDelayMs(15 * 60_000, 0)).toBe(14 * 60_000);
  });

  it('renews at four fifths of a short life, and at once when already expired', () => {
    expect(refreshDelayMs(100_000, 0)).toBe(80_000);
    expect(refreshDelayMs(1_000, 5_000)).toBe(0);
  });
});

describe('createSessionStore', () => {
  it('keeps the session across reloads and forgets it on clear', () => {
    localStorage.clear();
    const first = createSessionStore(localStorage);
    first.start(sessionAnswer(), 1_000);
    expect(createSessionStore(localStorage).session()?.expiresAt).toBe(1_000 + 900_000);
    first.renew({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 60 }, 2_000);
    expect(createSessionStore(localStorage).session()?.refreshToken).toBe('refresh-2');
    first.clear();
    expect(createSessionStore(localStorage).session()).toBeUndefined();
  });
});
