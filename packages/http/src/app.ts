import { createServices } from '@crm/app';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { apiDocsRoutes } from './api-docs.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './app-env.js';
import { toErrorResponse, validationError } from './http-errors.js';
import { authenticate } from './middleware/authenticate.js';
import { originGuard } from './middleware/origin-guard.js';
import { rateLimit } from './middleware/rate-limit.js';
import { apiTags, bearerSecurity } from './openapi.js';
import { correctGeneratedDocument } from './openapi-document.js';
import { alertRoutes } from './routes/alerts.route.js';
import { analyticsRoutes } from './routes/analytics.route.js';
import { apiKeyRoutes } from './routes/api-keys.route.js';
import { authRoutes } from './routes/auth.route.js';
import { campaignRoutes } from './routes/campaigns.route.js';
import { churnRoutes } from './routes/churn.route.js';
import { complaintRoutes } from './routes/complaints.route.js';
import { contactRoutes } from './routes/contacts.route.js';
import { creditRoutes } from './routes/credit.route.js';
import { customFieldRoutes } from './routes/custom-fields.route.js';
import { customerRoutes } from './routes/customers.route.js';
import { devMailboxPage } from './routes/dev-mailbox.page.js';
import { devOutboxRoutes } from './routes/dev-outbox.route.js';
import { eventRoutes } from './routes/events.route.js';
import { healthRoutes } from './routes/health.route.js';
import { importRoutes, MAX_IMPORT_BYTES } from './routes/imports.route.js';
import { interactionRoutes } from './routes/interactions.route.js';
import { kpiRoutes } from './routes/kpis.route.js';
import { meRoutes } from './routes/me.route.js';
import { memberRoutes } from './routes/members.route.js';
import { partnerRoutes } from './routes/partners.route.js';
import { quoteRoutes } from './routes/quotes.route.js';
import { salesRoutes } from './routes/sales.route.js';
import { segmentRoutes } from './routes/segments.route.js';
import { servicePlanRoutes } from './routes/service-plans.route.js';
import { serviceRequestRoutes } from './routes/service-requests.route.js';
import { shareRoutes } from './routes/shares.route.js';
import { surveyRoutes } from './routes/surveys.route.js';
import { taskRoutes } from './routes/tasks.route.js';
import { tenantRoutes } from './routes/tenant.route.js';
import { tenantDataRoutes } from './routes/tenant-data.route.js';
import { userRoutes } from './routes/users.route.js';
import { webhookRoutes } from './routes/webhooks.route.js';
import { workflowRoutes } from './routes/workflows.route.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Methods whose requests the routes never read a body of. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

/**
 * Routes reachable without a token: the auth flow and the public survey page (its link is the
 * credential). Everything else under /v1 requires one.
 */
const PUBLIC_PREFIXES = ['/v1/auth/', '/v1/public/'];

/**
 * The one Hono app. The Lambda adapter (functions/http/handler.ts) and the local runtime
 * (packages/local) both serve exactly this.
 */
export function createApp(deps: AppDeps) {
  const services = createServices(deps);
  const app = new OpenAPIHono<AppEnv>({
    // Every zod failure, wherever it happens, becomes the same field-level 400.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });

  // A client's X-Request-Id is echoed (and logged) only if it is 1–64 of [A-Za-z0-9_=-]; anything
  // else gets a fresh UUID, so a caller cannot forge log lines or flood them with long ids.
  app.use('*', requestId({ limitLength: 64 }));
  // DENY as CloudFront sets it in AWS: nothing of this app is meant to be framed.
  app.use('*', secureHeaders({ xFrameOptions: 'DENY' }));
  // Before anything else costs work: a direct call to the origin never reaches a route.
  if (deps.originGuard) app.use('*', originGuard(deps.originGuard));
  app.use('*', async (c, next) => {
    c.set('clientAddress', deps.clientAddress?.(c));
    await next();
  });
  const tooLarge = (limit: number) =>
    bodyLimit({
      maxSize: limit,
      onError: (c) =>
        c.json({ error: { code: 'payload_too_large', message: `Body exceeds ${limit} bytes` } }, 413),
    });
  const importLimit = tooLarge(MAX_IMPORT_BYTES);
  const defaultLimit = tooLarge(MAX_BODY_BYTES);
  // Files for data migration may be large; everything else stays small. A GET or HEAD is never
  // read for a body, so it is not measured: measuring makes the Node server build the whole
  // Request (its stream and abort signal) for every list page, which is most of the traffic.
  app.use('/v1/*', (c, next) =>
    BODYLESS_METHODS.has(c.req.method)
      ? next()
      : c.req.path === '/v1/imports'
        ? importLimit(c, next)
        : defaultLimit(c, next),
  );
  const requireToken = authenticate(services);
  const takeTokens = rateLimit(services);
  // Authenticated requests count against their tenant's bucket; the public routes have their own
  // per-address throttles (sign-in, the survey page).
  const isPublic = (path: string) => PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
  app.use('/v1/*', async (c, next) => (isPublic(c.req.path) ? next() : requireToken(c, next)));
  app.use('/v1/*', async (c, next) => (isPublic(c.req.path) ? next() : takeTokens(c, next)));

  app.route('/', healthRoutes(services, deps.version ?? 'dev'));
  app.route('/', authRoutes(services));
  app.route('/', meRoutes(services));
  app.route('/', tenantRoutes(services));
  app.route('/', tenantDataRoutes(services));
  app.route('/', userRoutes(services));
  app.route('/', apiKeyRoutes(services));
  app.route('/', customerRoutes(services));
  app.route('/', interactionRoutes(services));
  app.route('/', contactRoutes(services));
  app.route('/', customFieldRoutes(services));
  app.route('/', shareRoutes(services));
  app.route('/', importRoutes(services));
  app.route('/', analyticsRoutes(services));
  app.route('/', creditRoutes(services));
  app.route('/', churnRoutes(services));
  app.route('/', alertRoutes(services));
  app.route('/', taskRoutes(services));
  app.route('/', complaintRoutes(services));
  app.route('/', serviceRequestRoutes(services));
  app.route('/', servicePlanRoutes(services));
  app.route('/', surveyRoutes(services));
  app.route('/', eventRoutes());
  app.route('/', webhookRoutes(services));
  app.route('/', workflowRoutes(services));
  app.route('/', salesRoutes(services));
  app.route('/', segmentRoutes(services));
  app.route('/', campaignRoutes(services));
  app.route('/', kpiRoutes(services));
  app.route('/', partnerRoutes(services));
  app.route('/', quoteRoutes(services));
  app.route('/', memberRoutes(services));
  if (deps.devRoutes) {
    app.route('/', devOutboxRoutes(services));
    app.route('/', devMailboxPage(services));
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token from /v1/auth/login or an API key (crm_…)',
  });
  // Served per request: `servers` names the origin the caller reached (API Gateway's or localhost).
  app.get('/openapi.json', (c) =>
    c.json(
      correctGeneratedDocument(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'CRM API',
            version: deps.version ?? 'dev',
            description:
              'Multi-tenant CRM (客户关系管理) API. Every error answers `{ "error": { "code", "message" } }`; ' +
              'every route but sign-up, login, token refresh, health and the public survey page needs a bearer token.',
          },
          servers: [serverOf(new URL(c.req.url))],
          tags: Object.entries(apiTags).map(([name, description]) => ({ name, description })),
          security: bearerSecurity,
        }),
      ),
    ),
  );
  app.route('/', apiDocsRoutes());

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((error, c) => {
    const { status, body, headers } = toErrorResponse(error);
    if (status >= 500) console.error('unhandled error', error);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.json(body, status);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The server a document names: the origin it was fetched from, and which kind of host that is. */
function serverOf(url: URL) {
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return {
    url: url.origin,
    description: local ? 'The local runtime (npm start)' : 'The deployed API (production or staging stage)',
    'x-internal': false,
  };
}
