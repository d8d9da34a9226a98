import type { Services } from '@crm/app';
import { EmailSchema, idSchema, LocaleSchema, RoleSchema, UserSchema } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const UserIdParam = z.object({ userId: idSchema('a user id') });

const InviteSchema = z
  .strictObject({
    email: EmailSchema,
    role: RoleSchema,
    name: z.string().trim().min(1).max(120).optional(),
    locale: LocaleSchema.optional(),
    /** A partner organisation the invited partner user belongs to (role must be partner). */
    organisationId: idSchema('a partner organisation id').optional(),
  })
  .openapi('InviteUserRequest');

const UserPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    role: RoleSchema.optional(),
    status: z.enum(['active', 'disabled']).optional(),
    locale: LocaleSchema.optional(),
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .openapi('UserPatch');

const common = { tags: ['users'] as ['users'], security: bearerSecurity };

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: 'List the users of this tenant (admins)',
    description: 'Every person of the tenant, invited, active or disabled, with their role.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(UserSchema) }), 'Users'),
      ...errorResponses(403),
    },
  }),
  invite: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/users/invitations',
    operationId: 'inviteUser',
    summary: 'Invite a person by e-mail with a one-time link (admins)',
    description: 'Creates the user as invited and mails a one-time link to /accept-invitation.',
    request: { body: jsonBody(InviteSchema) },
    responses: {
      201: jsonResponse(UserSchema, 'The invited user'),
      ...errorResponses(409),
    },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/users/{userId}',
    operationId: 'getUser',
    summary: 'One user (admins, or the user themself)',
    description: 'One person of the tenant; anyone else asking is answered 404.',
    request: { params: UserIdParam },
    responses: { 200: jsonResponse(UserSchema, 'The user'), ...errorResponses(403) },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/users/{userId}',
    operationId: 'updateUser',
    summary: "Change a user's name, role or status (admins); If-Match required",
    description: 'Owners change anyone, admins anyone but owners; nobody changes their own role or status.',
    request: { params: UserIdParam, body: jsonBody(UserPatchSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(UserSchema, 'The changed user'),
      ...errorResponses(409, 428),
    },
  }),
};

export function userRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/users', requireAdmin());
  app.use('/v1/users/invitations', requireAdmin());
  app.on('PATCH', '/v1/users/:userId', requireAdmin());
  return app
    .openapi(routes.list, async (c) =>
      c.json({ items: await services.users.list({ tenantId: c.var.principal.tenantId }) }, 200),
    )
    .openapi(routes.invite, async (c) => {
      const user = await services.users.invite(c.var.principal, c.req.valid('json'));
      return c.json(user, 201);
    })
    .openapi(routes.get, async (c) =>
      c.json(await services.users.get(c.var.principal, c.req.valid('param')), 200),
    )
    .openapi(routes.patch, async (c) => {
      const { version, ...changes } = c.req.valid('json');
      const updated = await services.users.update(c.var.principal, {
        userId: c.req.valid('param').userId,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        changes,
      });
      return c.json(updated, 200);
    });
}
