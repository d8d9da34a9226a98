import { type Accessor, createSignal, getOwner, onCleanup } from 'solid-js';
import type { components } from '../api/schema.js';

type Schemas = components['schemas'];
export type Tenant = Schemas['Tenant'];
export type User = Schemas['User'];

/** What the SPA keeps of a login: tokens, when the access token expires, and who is logged in. */
export type Session = {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  tenant: Tenant;
  user: User;
};

export type Tokens = Pick<Schemas['Session'], 'accessToken' | 'refreshToken' | 'expiresIn'>;

const STORAGE_KEY = 'crm.session';

export type SessionStore = {
  session: Accessor<Session | undefined>;
  start: (answer: Schemas['Session'], now?: number) => void;
  renew: (tokens: Tokens, now?: number) => void;
  updateTenant: (tenant: Tenant) => void;
  clear: () => void;
};

function parse(text: string | null): Session | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Session>;
    return typeof value.refreshToken === 'string' && value.tenant && value.user
      ? (value as Session)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The session, kept in localStorage so a reload (or a second tab) stays logged in; another tab's
 * refresh or logout is adopted through the `storage` event, so two tabs never reuse a rotated token.
 */
export function createSessionStore(storage: Storage | undefined = globalThis.localStorage): SessionStore {
  const [session, setSession] = createSignal<Session | undefined>(
    parse(storage?.getItem(STORAGE_KEY) ?? null),
  );
  const save = (next: Session | undefined) => {
    setSession(next);
    if (next) storage?.setItem(STORAGE_KEY, JSON.stringify(next));
    else storage?.removeItem(STORAGE_KEY);
  };
  const adoptOtherTab = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) setSession(parse(event.newValue));
  };
  globalThis.addEventListener?.('storage', adoptOtherTab);
  if (getOwner()) onCleanup(() => globalThis.removeEventListener?.('storage', adoptOtherTab));
  return {
    session,
    start: (answer, now = Date.now()) =>
      save({
        accessToken: answer.accessToken,
        refreshToken: answer.refreshToken,
        expiresAt: now + answer.expiresIn * 1000,
        tenant: answer.tenant,
        user: answer.user,
      }),
    renew: (tokens, now = Date.now()) => {
      const current = session();
      if (!current) return;
      save({
        ...current,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: now + tokens.expiresIn * 1000,
      });
    },
    updateTenant: (tenant) => {
      const current = session();
      if (current) save({ ...current, tenant });
    },
    clear: () => save(undefined),
  };
}

/**
 * When to renew the access token: a minute before it expires, or at four fifths of a short life,
 * so a slow network or a sleeping laptop still renews in time.
 */
export function refreshDelayMs(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  return Math.max(0, remaining - Math.min(60_000, remaining / 5));
}
