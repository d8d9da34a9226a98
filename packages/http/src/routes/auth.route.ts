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
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { defineRoute, errorResponses, jsonBody, jsonResponse, publicAccess } from '../openapi.js';

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
  accessToken: z.string().max(4096),
  refreshToken: z.string().max(512),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().min(1).max(86_400),
});

const SessionSchema = TokensSchema.extend({ tenant: TenantSchema, user: UserSchema }).openapi('Session');

/** How a client gets a token: reachable without one. */
const common = { tags: ['auth'] as ['auth'], security: publicAccess };

const routes = {
  signup: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/signup',
    operationId: 'signUp',
    summary: 'Create a tenant and its owner (注册)',
    description: 'Creates a business (tenant) with you as its owner, and logs you in.',
    request: { body: jsonBody(SignupSchema) },
    responses: {
      201: jsonResponse(SessionSchema, 'The new tenant, its owner and tokens'),
      ...errorResponses(409),
    },
  }),
  login: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/login',
    operationId: 'logIn',
    summary: 'Log in (登录); pass tenantId when the e-mail belongs to several tenants',
    description:
      'Exchanges e-mail and password for an access token and a refresh token. An e-mail in several tenants answers 409 with the choices; repeated failures answer 429 with Retry-After.',
    request: { body: jsonBody(LoginSchema) },
    responses: {
      200: jsonResponse(SessionSchema, 'Tokens'),
      ...errorResponses(401, { 409: 'The e-mail belongs to several tenants: send tenantId' }, 429),
    },
  }),
  refresh: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/refresh',
    operationId: 'refreshTokens',
    summary: 'Rotate the refresh token for new tokens',
    description:
      'Each refresh token is single-use: it answers a new pair, and reusing an old one revokes its whole family.',
    request: { body: jsonBody(RefreshSchema) },
    responses: {
      200: jsonResponse(TokensSchema, 'New tokens'),
      ...errorResponses(401),
    },
  }),
  logout: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/logout',
    operationId: 'logOut',
    summary: 'Revoke the refresh token (and its family)',
    description:
      'The refresh token and every token rotated from it stop working; access tokens expire on their own.',
    request: { body: jsonBody(RefreshSchema) },
    responses: { 204: { description: 'Logged out' } },
  }),
  acceptInvitation: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/accept-invitation',
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation link, set the password, and log in',
    description:
      'The one-time token from the invitation e-mail activates the invited user with the password sent.',
    request: { body: jsonBody(AcceptInvitationSchema) },
    responses: {
      200: jsonResponse(SessionSchema, 'Tokens'),
      ...errorResponses(401, 404),
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
