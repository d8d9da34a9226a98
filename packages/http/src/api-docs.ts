import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

/**
 * `/docs`: Swagger UI from the installed `swagger-ui-dist` package, served by this app, so the
 * page works offline and runs no script from a CDN (the version is the one in package-lock.json).
 * No inline script: the page's own start-up is /docs/swagger-initializer.js, so a strict CSP
 * (`script-src 'self'`, the one CloudFront sets in AWS) allows it. Swagger UI styles elements
 * inline, hence `'unsafe-inline'` for styles on this page only.
 */
export const API_DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>CRM API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/swagger-initializer.js"></script>
  </body>
</html>
`;

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
`;

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

/**
 * Beside the bundle in the API Lambda (infra copies the two files into `swagger-ui/`), else the
 * installed package (the local runtime, tests).
 */
async function readSwaggerUiFile(name: string): Promise<Buffer> {
  try {
    return await readFile(new URL(`./swagger-ui/${name}`, import.meta.url));
  } catch {
    const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    return readFile(join(dist, name));
  }
}

const cache = new Map<string, Promise<Buffer>>();
function readAsset(name: keyof typeof ASSETS): Promise<Buffer> {
  let read = cache.get(name);
  if (!read) {
    read = readSwaggerUiFile(name);
    read.catch(() => cache.delete(name));
    cache.set(name, read);
  }
  return read;
}

export function apiDocsRoutes(): Hono {
  const app = new Hono();
  app.use('/docs', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', API_DOCS_CSP);
  });
  app.use('/docs/*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', API_DOCS_CSP);
  });
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/swagger-initializer.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(INITIALIZER);
  });
  app.get('/docs/:asset', async (c) => {
    const name = c.req.param('asset');
    if (!Object.hasOwn(ASSETS, name)) return c.notFound();
    const asset = name as keyof typeof ASSETS;
    let content: Buffer;
    try {
      content = await readAsset(asset);
    } catch {
      // Neither beside the bundle nor installed: a host deployed without them.
      return c.json({ error: { code: 'not_found', message: 'API docs assets are not installed here' } }, 404);
    }
    c.header('Content-Type', ASSETS[asset]);
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(content));
  });
  return app;
}
