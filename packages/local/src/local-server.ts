import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { closeUnreadBodies } from './close-unread-bodies.js';
import { PortInUseError } from './free-port.js';
import type { RequestGate } from './request-gate.js';
import { addSpaSecurityHeaders } from './spa-security-headers.js';

/** Anything with Hono's `fetch`: the Hono app from @crm/http. */
export type FetchApp = { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };

/** Paths the API owns: a miss there is the API's JSON 404, never the SPA. */
const API_PATH = /^\/(v1|health|openapi\.json|docs)(\/|$)/;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in and out only start and end the person's own sessions: not a change to the book. */
const SESSION_PATH = /^\/v1\/auth\/(login|refresh|logout)$/;
/** A path naming a file (`/assets/app.js`, `/favicon.ico`): no SPA fallback for those. */
const FILE_PATH = /\/[^/]+\.[a-z0-9]+$/i;

/**
 * The local web server: the API app first (unchanged, exactly what the Lambda serves), then the
 * built SPA from `webDist`, then index.html for client-side routes (like CloudFront's SPA
 * fallback). The API sees every request first, so it keeps its own 404s, errors and headers.
 */
export function createLocalApp(options: {
  api: FetchApp;
  webDist?: string;
  /**
   * Served at `/runtime.json` (read at each request): tells the SPA it runs locally, the demo
   * login, and the first-start seed's progress.
   */
  runtimeInfo?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Holds requests while the runtime moves its database (see request-gate.ts). */
  gate?: RequestGate;
  /**
   * Called when a request may have changed data: any API call but GET, HEAD, OPTIONS and signing
   * in or out (the runtime keeps a first start's database as a pristine copy only if none came).
   */
  onChange?: () => void;
}): Hono {
  const { api, webDist, runtimeInfo, gate, onChange } = options;
  const root = new Hono();
  // Not an API route (AWS has no such file): only this host knows it is the local runtime.
  if (runtimeInfo) {
    root.get('/runtime.json', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(typeof runtimeInfo === 'function' ? runtimeInfo() : runtimeInfo);
    });
  }
  // What CloudFront adds in AWS: the SPA, its files and the API answers all carry them here too.
  root.use('*', async (c, next) => {
    await next();
    addSpaSecurityHeaders(c.res.headers);
  });
  if (gate) root.use('*', (_c, next) => gate.through(next));
  root.use('*', closeUnreadBodies());
  if (onChange) {
    root.use('*', async (c, next) => {
      if (!READ_METHODS.has(c.req.method) && API_PATH.test(c.req.path) && !SESSION_PATH.test(c.req.path))
        onChange();
      await next();
    });
  }
  const hasSpa = webDist !== undefined && existsSync(join(webDist, 'index.html'));
  root.all('*', async (c, next) => {
    const response = await api.fetch(c.req.raw, c.env);
    const method = c.req.method;
    if (
      !hasSpa ||
      response.status !== 404 ||
      (method !== 'GET' && method !== 'HEAD') ||
      API_PATH.test(c.req.path)
    ) {
      return response;
    }
    await next();
    // Neither a file nor a page: keep the API's JSON 404.
    if (c.res.status === 404) {
      c.res = response;
      return;
    }
    // Vite fingerprints everything under assets/; pages (index.html) must always be revalidated.
    const isPage = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
    const immutable = !isPage && c.req.path.startsWith('/assets/');
    c.res.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  if (hasSpa) {
    root.use('*', serveStatic({ root: webDist }));
    const indexPage = serveStatic({ root: webDist, path: 'index.html' });
    root.get('*', async (c, next) => (FILE_PATH.test(c.req.path) ? next() : indexPage(c, next)));
  }
  return root;
}

export type ListeningServer = {
  port: number;
  url: string;
  /** Stops accepting connections, closes idle and open ones, and resolves when closed. */
  close: () => Promise<void>;
};

/** The address a browser on this machine uses to reach a server listening on `host`. */
function browsableHost(host: string): string {
  if (host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Serves `app` on `port` of `host` only (127.0.0.1 unless told otherwise: @hono/node-server's
 * default would be every interface, which exposes a development server to the whole network).
 */
export function listen(
  app: { fetch: Hono['fetch'] },
  port: number,
  host = '127.0.0.1',
): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      server.off('error', onError);
      resolve({
        port: info.port,
        url: `http://${browsableHost(host)}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            const http = server as Server;
            http.close(() => done());
            http.closeAllConnections?.();
          }),
      });
    });
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    };
    server.once('error', onError);
  });
}
