import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

/** The typed client of the whole API: paths, parameters and bodies come from schema.d.ts. */
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** What the client needs from the session: the token, a way to renew it, and who to tell when it is gone. */
export type TokenSource = {
  accessToken: () => string | undefined;
  /** Renews the access token; false when the session is over. */
  refresh: () => Promise<boolean>;
  /** Called when a request is refused and the session cannot be renewed. */
  onUnauthenticated: () => void;
};

const PUBLIC_PATH = /^\/v1\/auth\//;

/**
 * Adds the bearer token, and on a 401 renews the session once and replays the request; if that
 * fails too, the session is over and `onUnauthenticated` sends the user to the login screen.
 */
export function authMiddleware(
  tokens: TokenSource,
  send: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request),
): Middleware {
  const replays = new Map<string, Request>();
  return {
    onRequest({ request, schemaPath, id }) {
      if (PUBLIC_PATH.test(schemaPath)) return request;
      const token = tokens.accessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      replays.set(id, request.clone());
      return request;
    },
    async onResponse({ response, schemaPath, id }) {
      const replay = replays.get(id);
      replays.delete(id);
      if (response.status !== 401 || PUBLIC_PATH.test(schemaPath) || !replay) return response;
      if (await tokens.refresh()) {
        const token = tokens.accessToken();
        if (token) replay.headers.set('Authorization', `Bearer ${token}`);
        const retried = await send(replay);
        if (retried.status !== 401) return retried;
      }
      tokens.onUnauthenticated();
      return response;
    },
    onError({ id }) {
      replays.delete(id);
    },
  };
}

export function createApiClient(options: {
  tokens: TokenSource;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? '',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const send = options.fetch;
  client.use(authMiddleware(options.tokens, send ? (request) => send(request) : undefined));
  return client;
}
