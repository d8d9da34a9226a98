import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './app-deps.js';
import { toErrorResponse, validationError } from './http-errors.js';
import { healthRoutes } from './routes/health.route.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The one Hono app. The Lambda adapter (functions/http/handler.ts) and the local runtime
 * (packages/local) both serve exactly this.
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({
    // Every zod failure, wherever it happens, becomes the same field-level 400.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });

  app.use('*', requestId());
  app.use('*', secureHeaders());
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          { error: { code: 'payload_too_large', message: `Body exceeds ${MAX_BODY_BYTES} bytes` } },
          413,
        ),
    }),
  );

  app.route('/', healthRoutes(deps));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'CRM API',
      version: deps.version ?? 'dev',
      description: 'Multi-tenant CRM (客户关系管理) API',
    },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((error, c) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) console.error('unhandled error', error);
    return c.json(body, status);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
