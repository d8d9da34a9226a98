import { ErrorBodySchema } from '@crm/domain';
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';

const errorContent = { 'application/json': { schema: ErrorBodySchema } };

/** The tags of the document, each declared once (with a description) at its top. */
export const apiTags = {
  system: 'Liveness and the API itself',
  auth: 'Sign-up, login, tokens and the caller (登录)',
  tenant: 'The tenant and its settings (租户设置)',
  users: 'The people of a tenant and their invitations',
  'api-keys': 'Integration keys',
  customers: 'The customer book and the 360° profile (客户)',
  interactions: 'The timeline of calls, visits, orders and payments (联络历史)',
  contacts: 'Contacts of business customers (联系人)',
  'custom-fields': 'Admin-defined customer fields (数据字段定制)',
  partners: 'Sharing customers with channel partners (按权限共享)',
  imports: 'Data migration from CSV (数据迁移)',
  analytics: 'BG/NBD, Gamma-Gamma, CLV, RFM and ABC (客户价值分析)',
  credit: 'Credit control: grades, limits, receivables and holds (评估和控制客户信用)',
  churn: 'Churn states and thresholds: active, at risk, dormant, lost (挽留流失客户)',
  alerts: 'The alerts inbox: credit holds and churn risks for the customer’s owner',
  complaints: 'Complaint handling in eight steps, departments and SLAs (客户投诉管理)',
  service: 'Service requests, visits, follow-ups and proactive service plans (客户服务与支持)',
  surveys:
    'Satisfaction and loyalty surveys: templates, personal links, the public answer page, NPS/CSAT results (满意度, 忠诚度)',
  tasks: 'Care reminders for the customer’s owner: re-order, 催付, birthdays (关怀提醒)',
  sales: 'Leads, opportunities, pipelines and the funnel (销售线索 → 销售机会 → 销售漏斗)',
  segments: 'Segments: saved filters over the customer book, counted live (客户细分)',
  campaigns:
    'Campaigns by e-mail or SMS to a segment: templates, consent, unsubscribe, throttling, hold-out and results (批量沟通)',
  members: 'The member programme: tiers and upgrade rules (会员: customer → member → advocate)',
  kpis: 'The CRM measured: retention, acquisition, activity, satisfaction, resolution, funnel, campaigns, partners (评估)',
  events: 'The event catalog webhooks deliver',
  webhooks: 'Webhook endpoints, signing secrets and delivery logs (admin)',
  workflows: 'Workflows admins configure: trigger, conditions, actions, dry run, run history (工作流程配置)',
  dev: 'Local runtime only',
} as const;
export type ApiTag = keyof typeof apiTags;

/** What each error status means on this API; every one answers with the `Error` body. */
const errorDescriptions = {
  400: 'Invalid input (path, query, header or body), with field-level reasons',
  401: 'Missing, invalid or expired credentials',
  403: 'Not allowed for this role, share or key scope',
  404: 'Not found (or not yours)',
  409: 'Conflict: the version you sent is not the current one, or the thing already exists',
  413: 'The request body is larger than this route accepts',
  415: 'The request body is not of a media type this route accepts',
  422: 'Well-formed but cannot be processed',
  428: 'No version sent: send If-Match or the body version you read',
  429: 'Too many requests; see Retry-After',
  500: 'Internal error; nothing to fix on the client side',
  503: 'A dependency is unavailable; retry later',
} as const;
export type ErrorStatus = keyof typeof errorDescriptions;

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' as const } },
};

function errorResponse(status: ErrorStatus, description: string = errorDescriptions[status]) {
  return {
    description,
    content: errorContent,
    ...(status === 429 ? { headers: retryAfter } : {}),
  };
}

/**
 * The error responses a route declares on top of those `defineRoute` derives, e.g.
 * `...errorResponses(409, 428)` or `...errorResponses({ 422: 'Not UTF-8' })` for a route-specific
 * description.
 */
export function errorResponses(
  ...statuses: (ErrorStatus | Partial<Record<ErrorStatus, string>>)[]
): Partial<Record<ErrorStatus, ReturnType<typeof errorResponse>>> {
  const responses: Partial<Record<ErrorStatus, ReturnType<typeof errorResponse>>> = {};
  for (const entry of statuses) {
    if (typeof entry === 'number') responses[entry] = errorResponse(entry);
    else {
      for (const [status, description] of Object.entries(entry)) {
        const code = Number(status) as ErrorStatus;
        responses[code] = errorResponse(code, description);
      }
    }
  }
  return responses;
}

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

export const bearerSecurity: { bearerAuth: string[] }[] = [{ bearerAuth: [] }];
/** Reachable without a token (sign-up, login, health): overrides the document's global security. */
export const publicAccess: { bearerAuth: string[] }[] = [];

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The error statuses every route of this app can answer by construction, derived from what the
 * app wires around it (app.ts): strict inputs (400), the token check (401) and read-only API keys
 * on writes (403), path ids (404), the body limit on anything that can carry a body (413), the
 * media-type gate of JSON bodies (415), the tenant's and API key's request buckets after the token
 * check (429), and the error handler (500).
 */
function derivedErrorResponses(route: RouteConfig) {
  const statuses: ErrorStatus[] = [400];
  const needsToken = (route.security ?? bearerSecurity).length > 0;
  const writes = WRITE_METHODS.has(route.method);
  if (needsToken) statuses.push(401);
  if (needsToken && writes) statuses.push(403);
  if (route.request?.params) statuses.push(404);
  if (writes) statuses.push(413);
  if (route.request?.body?.content && 'application/json' in route.request.body.content) statuses.push(415);
  if (needsToken) statuses.push(429);
  statuses.push(500);
  return errorResponses(...statuses);
}

/** What every operation must say about itself: the document is linted for each of these. */
type Documented = {
  /** Stable, camelCase: the SPA's generated client and integrators' SDKs are keyed by it. */
  operationId: string;
  tags: [ApiTag];
  summary: string;
  description: string;
  /** `bearerSecurity` or `publicAccess`, always explicit. */
  security: { bearerAuth: string[] }[];
};

/**
 * `createRoute` plus this API's rules: every operation documents itself (`Documented`), has a
 * strict query (no schema means no query parameter is accepted, so `?tenantId=…` is a 400, not
 * silently ignored), and declares the error responses the app can answer for it, derived once
 * here instead of copied per route; a route adds its own (409, 422, 428, 429…) with
 * `errorResponses`.
 */
export function defineRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P } & Documented>(
  route: R,
): ReturnType<typeof createRoute<P, R>> {
  const request = { ...route.request, query: route.request?.query ?? z.strictObject({}) };
  return createRoute({
    ...route,
    request,
    responses: { ...derivedErrorResponses(route), ...route.responses },
  }) as ReturnType<typeof createRoute<P, R>>;
}
