import type { Services } from '@crm/app';
import { EmailSchema, idSchema, LocaleSchema, RoleSchema, UserSchema } from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, conflictResponse, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { expectedVersion } from './version-precondition.js';

const UserIdParam = z.object({ userId: idSchema('a user id') });

const InviteSchema = z
  .strictObject({
    email: EmailSchema,
    role: RoleSchema,
    name: z.string().trim().min(1).max(120).optional(),
    locale: LocaleSchema.optional(),
  })
  .openapi('InviteUserRequest');

const UserPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    role: RoleSchema.optional(),
    status: z.enum(['active', 'disabled']).optional(),
    locale: LocaleSchema.optional(),
    version: z.number().int().positive().optional(),
  })
  .openapi('UserPatch');

const common = { tags: ['users'], security: bearerSecurity };

const routes = {
  list: createRoute({
    ...common,
    method: 'get',
    path: '/v1/users',
    summary: 'List the users of this tenant (admins)',
    responses: {
      200: jsonResponse(z.object({ items: z.array(UserSchema) }), 'Users'),
      403: errorResponses[403],
    },
  }),
  invite: createRoute({
    ...common,
    method: 'post',
    path: '/v1/users/invitations',
    summary: 'Invite a person by e-mail with a one-time link (admins)',
    request: { body: jsonBody(InviteSchema) },
    responses: {
      201: jsonResponse(UserSchema, 'The invited user'),
      400: errorResponses[400],
      403: errorResponses[403],
    },
  }),
  get: createRoute({
    ...common,
    method: 'get',
    path: '/v1/users/{userId}',
    summary: 'One user (admins, or the user themself)',
    request: { params: UserIdParam },
    responses: { 200: jsonResponse(UserSchema, 'The user'), 404: errorResponses[404] },
  }),
  patch: createRoute({
    ...common,
    method: 'patch',
    path: '/v1/users/{userId}',
    summary: "Change a user's name, role or status (admins); If-Match required",
    request: { params: UserIdParam, body: jsonBody(UserPatchSchema) },
    responses: {
      200: jsonResponse(UserSchema, 'The changed user'),
      400: errorResponses[400],
      403: errorResponses[403],
      404: errorResponses[404],
      ...conflictResponse,
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
