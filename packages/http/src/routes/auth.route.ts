import type { Services } from '@crm/app';
import {
  EmailSchema,
  idSchema,
  LocaleSchema,
  PasswordSchema,
  TenantNameSchema,
  TenantSchema,
  UserSchema,
} from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { conflictResponse, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const SignupSchema = z
  .strictObject({
    tenantName: TenantNameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    locale: LocaleSchema.optional(),
  })
  .openapi('SignupRequest');

const LoginSchema = z
  .strictObject({
    email: EmailSchema,
    password: z.string().min(1, 'is required').max(256),
    tenantId: idSchema('a tenant id').optional(),
  })
  .openapi('LoginRequest');

const RefreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) }).openapi('RefreshRequest');

const AcceptInvitationSchema = z
  .strictObject({
    token: z.string().min(1).max(256),
    password: PasswordSchema,
    name: z.string().trim().min(1).max(120).optional(),
  })
  .openapi('AcceptInvitationRequest');

const TokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});

const SessionSchema = TokensSchema.extend({ tenant: TenantSchema, user: UserSchema }).openapi('Session');

const tooMany = {
  429: { description: 'Too many failed logins; see Retry-After', content: errorResponses[400].content },
};

const routes = {
  signup: createRoute({
    method: 'post',
    path: '/v1/auth/signup',
    tags: ['auth'],
    summary: 'Create a tenant and its owner (注册)',
    request: { body: jsonBody(SignupSchema) },
    responses: {
      201: jsonResponse(SessionSchema, 'The new tenant, its owner and tokens'),
      400: errorResponses[400],
      ...conflictResponse,
    },
  }),
  login: createRoute({
    method: 'post',
    path: '/v1/auth/login',
    tags: ['auth'],
    summary: 'Log in (登录); pass tenantId when the e-mail belongs to several tenants',
    request: { body: jsonBody(LoginSchema) },
    responses: {
      200: jsonResponse(SessionSchema, 'Tokens'),
      400: errorResponses[400],
      401: errorResponses[401],
      ...conflictResponse,
      ...tooMany,
    },
  }),
  refresh: createRoute({
    method: 'post',
    path: '/v1/auth/refresh',
    tags: ['auth'],
    summary: 'Rotate the refresh token for new tokens',
    request: { body: jsonBody(RefreshSchema) },
    responses: {
      200: jsonResponse(TokensSchema, 'New tokens'),
      400: errorResponses[400],
      401: errorResponses[401],
    },
  }),
  logout: createRoute({
    method: 'post',
    path: '/v1/auth/logout',
    tags: ['auth'],
    summary: 'Revoke the refresh token (and its family)',
    request: { body: jsonBody(RefreshSchema) },
    responses: { 204: { description: 'Logged out' }, 400: errorResponses[400] },
  }),
  acceptInvitation: createRoute({
    method: 'post',
    path: '/v1/auth/accept-invitation',
    tags: ['auth'],
    summary: 'Accept an invitation link, set the password, and log in',
    request: { body: jsonBody(AcceptInvitationSchema) },
    responses: {
      200: jsonResponse(SessionSchema, 'Tokens'),
      400: errorResponses[400],
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
};

export function authRoutes(services: Services) {
  return new OpenAPIHono<AppEnv>()
    .openapi(routes.signup, async (c) => c.json(await services.auth.signup(c.req.valid('json')), 201))
    .openapi(routes.login, async (c) => c.json(await services.auth.login(c.req.valid('json')), 200))
    .openapi(routes.refresh, async (c) => c.json(await services.auth.refresh(c.req.valid('json')), 200))
    .openapi(routes.logout, async (c) => {
      await services.auth.logout(c.req.valid('json'));
      return c.body(null, 204);
    })
    .openapi(routes.acceptInvitation, async (c) =>
      c.json(await services.auth.acceptInvitation(c.req.valid('json')), 200),
    );
}
