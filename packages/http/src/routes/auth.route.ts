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

const CheckEmailSchema = z
  .object({ status: z.literal('check-email'), message: z.string() })
  .openapi('CheckEmail');

const EmailRequestSchema = z
  .strictObject({ email: EmailSchema, locale: LocaleSchema.optional() })
  .openapi('EmailLinkRequest');

const ResetPasswordSchema = z
  .strictObject({ token: z.string().min(1).max(256), password: PasswordSchema })
  .openapi('ResetPasswordRequest');

const VerifyEmailSchema = z.strictObject({ token: z.string().min(1).max(256) }).openapi('VerifyEmailRequest');

// The same answer for every e-mail that has an account, whatever the password, and for every
// request of a mailed link, whether or not the e-mail has an account.
const signupCheckEmail = {
  status: 'check-email',
  message:
    'This e-mail already has an account: we sent it a message with the next step. 此邮箱已有账号，请查收邮件。',
} as const;
const linkRequested = {
  status: 'check-email',
  message: 'If this e-mail has an account, a message with a link is on its way. 如该邮箱已注册，邮件已发出。',
} as const;

const routes = {
  signup: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/signup',
    operationId: 'signUp',
    summary: 'Create a tenant and its owner (注册)',
    description:
      'A new e-mail gets the tenant and a session at once, and a mail to confirm the address. An e-mail ' +
      'that already has an account always gets 202 check-email, whatever the password (throttled like ' +
      'login); the tenant is then created only for the right password of a confirmed address.',
    request: { body: jsonBody(SignupSchema) },
    responses: {
      201: jsonResponse(SessionSchema, 'The new tenant, its owner and tokens'),
      202: jsonResponse(CheckEmailSchema, 'The e-mail has an account: the next step is in the mail'),
      ...errorResponses(429),
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
      'An unknown, expired or used link and a wrong password of an existing account answer the same 401.',
    request: { body: jsonBody(AcceptInvitationSchema) },
    responses: {
      200: jsonResponse(SessionSchema, 'Tokens'),
      ...errorResponses(401, 429),
    },
  }),
  requestPasswordReset: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/password-reset/request',
    operationId: 'requestPasswordReset',
    summary: 'Mail a one-time password reset link (忘记密码); the same answer for any e-mail',
    description:
      'Sends a reset link valid for 30 minutes if the e-mail has an account; the answer is the same ' +
      'either way. At most 3 mails an hour per address.',
    request: { body: jsonBody(EmailRequestSchema) },
    responses: {
      202: jsonResponse(CheckEmailSchema, 'A mail is on its way if the e-mail has an account'),
      ...errorResponses(429),
    },
  }),
  resetPassword: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/password-reset',
    operationId: 'resetPassword',
    summary: 'Set a new password with the mailed link (重置密码); ends every session',
    description:
      'The link works once; the new password follows the password rules; every session in every tenant ends.',
    request: { body: jsonBody(ResetPasswordSchema) },
    responses: {
      204: { description: 'Password changed' },
      ...errorResponses(429),
    },
  }),
  requestEmailVerification: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/verify-email/request',
    operationId: 'requestEmailVerification',
    summary: 'Mail a new link to confirm the address; the same answer for any e-mail',
    description:
      'Sends a new confirmation link if the address awaits confirmation; the answer is the same either way.',
    request: { body: jsonBody(EmailRequestSchema) },
    responses: {
      202: jsonResponse(CheckEmailSchema, 'A mail is on its way if the address awaits confirmation'),
      ...errorResponses(429),
    },
  }),
  verifyEmail: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/auth/verify-email',
    operationId: 'verifyEmail',
    summary: 'Confirm the address with the mailed link (验证邮箱)',
    description: 'Marks the address as confirmed, so it may create or join more tenants.',
    request: { body: jsonBody(VerifyEmailSchema) },
    responses: { 204: { description: 'Address confirmed' } },
  }),
};

export function authRoutes(services: Services) {
  return new OpenAPIHono<AppEnv>()
    .openapi(routes.signup, async (c) => {
      const outcome = await services.auth.signup(c.req.valid('json'), { clientAddress: c.var.clientAddress });
      if (outcome.kind === 'check-email') return c.json(signupCheckEmail, 202);
      const { kind: _kind, ...session } = outcome;
      return c.json(session, 201);
    })
    .openapi(routes.login, async (c) =>
      c.json(await services.auth.login(c.req.valid('json'), { clientAddress: c.var.clientAddress }), 200),
    )
    .openapi(routes.refresh, async (c) => c.json(await services.auth.refresh(c.req.valid('json')), 200))
    .openapi(routes.logout, async (c) => {
      await services.auth.logout(c.req.valid('json'));
      return c.body(null, 204);
    })
    .openapi(routes.acceptInvitation, async (c) =>
      c.json(
        await services.auth.acceptInvitation(c.req.valid('json'), { clientAddress: c.var.clientAddress }),
        200,
      ),
    )
    .openapi(routes.requestPasswordReset, async (c) => {
      await services.auth.requestPasswordReset(c.req.valid('json'), { clientAddress: c.var.clientAddress });
      return c.json(linkRequested, 202);
    })
    .openapi(routes.resetPassword, async (c) => {
      await services.auth.resetPassword(c.req.valid('json'), { clientAddress: c.var.clientAddress });
      return c.body(null, 204);
    })
    .openapi(routes.requestEmailVerification, async (c) => {
      await services.auth.requestEmailVerification(c.req.valid('json'), {
        clientAddress: c.var.clientAddress,
      });
      return c.json(linkRequested, 202);
    })
    .openapi(routes.verifyEmail, async (c) => {
      await services.auth.verifyEmail(c.req.valid('json'));
      return c.body(null, 204);
    });
}
