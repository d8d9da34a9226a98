import { useLocation, useNavigate } from '@solidjs/router';
import {
  type Accessor,
  createContext,
  createEffect,
  onCleanup,
  type ParentProps,
  useContext,
} from 'solid-js';
import { type ApiClient, createApiClient } from '../api/client.js';
import { unwrap } from '../api/errors.js';
import type { components } from '../api/schema.js';
import { loginHref } from './login-href.js';
import {
  createSessionStore,
  refreshDelayMs,
  type Session,
  type SessionStore,
  type Tenant,
} from './session.js';

type Schemas = components['schemas'];
export type LoginInput = Schemas['LoginRequest'];
export type SignupInput = Schemas['SignupRequest'];
export type AcceptInvitationInput = Schemas['AcceptInvitationRequest'];

export type Auth = {
  session: Accessor<Session | undefined>;
  api: ApiClient;
  /** Throws `ApiError`: 401 wrong credentials, 409 `tenant_choice_required` with `details.tenants`. */
  login: (input: LoginInput) => Promise<Session>;
  /** A new e-mail starts a session; a known one answers `check-email` (the next step is mailed). */
  signup: (input: SignupInput) => Promise<Session | 'check-email'>;
  acceptInvitation: (input: AcceptInvitationInput) => Promise<Session>;
  logout: () => Promise<void>;
  updateTenant: (tenant: Tenant) => void;
};

const AuthContext = createContext<Auth>();

/**
 * The session and the API client that carries it. Lives inside the router (it navigates): a
 * refused request that cannot be renewed sends the user to the login screen with `next` set to
 * where they were, and the access token is renewed shortly before it expires.
 */
export function AuthProvider(
  props: ParentProps<{ store?: SessionStore; fetch?: typeof globalThis.fetch; baseUrl?: string }>,
) {
  const store = props.store ?? createSessionStore();
  const navigate = useNavigate();
  const location = useLocation();

  let renewing: Promise<boolean> | undefined;
  const refresh = (): Promise<boolean> => {
    const refreshToken = store.session()?.refreshToken;
    if (!refreshToken) return Promise.resolve(false);
    renewing ??= unwrap(api.POST('/v1/auth/refresh', { body: { refreshToken } }))
      .then((tokens) => {
        store.renew(tokens);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };

  const expire = () => {
    if (!store.session()) return;
    store.clear();
    navigate(loginHref(`${location.pathname}${location.search}`, { expired: true }), { replace: true });
  };

  const api = createApiClient({
    tokens: { accessToken: () => store.session()?.accessToken, refresh, onUnauthenticated: expire },
    ...(props.baseUrl ? { baseUrl: props.baseUrl } : {}),
    ...(props.fetch ? { fetch: props.fetch } : {}),
  });

  // Silent refresh: renew a little before the access token expires; a failed renewal ends the session.
  createEffect(() => {
    const expiresAt = store.session()?.expiresAt;
    if (expiresAt === undefined) return;
    // A few seconds of jitter: two tabs never renew at the same instant (a reused refresh token
    // revokes its family); the later tab adopts the earlier one's tokens through storage.
    const jitter = Math.random() * 5_000;
    const timer = setTimeout(
      async () => {
        if (!(await refresh())) expire();
      },
      Math.max(0, refreshDelayMs(expiresAt, Date.now()) - jitter),
    );
    onCleanup(() => clearTimeout(timer));
  });

  const begin = async (call: Promise<Schemas['Session']>): Promise<Session> => {
    store.start(await call);
    return store.session() as Session;
  };

  const auth: Auth = {
    session: store.session,
    api,
    login: (input) => begin(unwrap(api.POST('/v1/auth/login', { body: input }))),
    signup: async (input) => {
      const answer = await unwrap(api.POST('/v1/auth/signup', { body: input }));
      return 'accessToken' in answer ? begin(Promise.resolve(answer)) : 'check-email';
    },
    acceptInvitation: (input) => begin(unwrap(api.POST('/v1/auth/accept-invitation', { body: input }))),
    logout: async () => {
      const refreshToken = store.session()?.refreshToken;
      store.clear();
      if (refreshToken) await api.POST('/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
      navigate('/login', { replace: true });
    },
    updateTenant: store.updateTenant,
  };
  return <AuthContext.Provider value={auth}>{props.children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs <AuthProvider>');
  return auth;
}

/**
 * The typed API client, with the session's token.
 *
 * @example
 * const api = useApi();
 * const [tenant] = createResource(() => unwrap(api.GET('/v1/tenant')));
 */
export function useApi(): ApiClient {
  return useAuth().api;
}
