import {
  canAssignRole,
  DomainError,
  EmailSchema,
  idSchema,
  LocaleSchema,
  RoleSchema,
  UserSchema,
} from '@crm/domain';
import { UserRepository } from '@crm/dynamodb';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../app-env.js';
import { InvitationService } from '../auth/invitation.service.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, conflictResponse, errorResponses, jsonBody, jsonResponse } from './schemas.js';
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
  const invitations = new InvitationService({ table: services.platformTable, clock: services.clock });
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/users', requireAdmin());
  app.use('/v1/users/invitations', requireAdmin());
  app.on('PATCH', '/v1/users/:userId', requireAdmin());
  return app
    .openapi(routes.list, async (c) => {
      const { tenantId } = c.var.principal;
      const items = await new UserRepository(services.tenantClient(tenantId)).list({ tenantId });
      return c.json({ items }, 200);
    })
    .openapi(routes.invite, async (c) => {
      const principal = c.var.principal;
      if (principal.kind !== 'user') throw new DomainError('forbidden', 'Only people invite people');
      const body = c.req.valid('json');
      const acceptUrl = `${new URL(c.req.url).origin}/accept-invitation`;
      const user = await invitations.invite({ actor: principal, ...body, acceptUrl });
      return c.json(user, 201);
    })
    .openapi(routes.get, async (c) => {
      const principal = c.var.principal;
      const { userId } = c.req.valid('param');
      const isSelf = principal.kind === 'user' && principal.userId === userId;
      const isAdminUser =
        principal.kind === 'user' && (principal.role === 'owner' || principal.role === 'admin');
      const user =
        isSelf || isAdminUser
          ? await new UserRepository(services.tenantClient(principal.tenantId)).get({
              tenantId: principal.tenantId,
              userId,
            })
          : undefined;
      if (!user) throw new DomainError('not_found', 'User not found');
      return c.json(user, 200);
    })
    .openapi(routes.patch, async (c) => {
      const principal = c.var.principal;
      if (principal.kind !== 'user') throw new DomainError('forbidden', 'Only people manage users');
      const { userId } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const expected = expectedVersion(c.req.header('if-match'), version);
      const users = new UserRepository(services.tenantClient(principal.tenantId));
      const target = await users.get({ tenantId: principal.tenantId, userId });
      if (!target) throw new DomainError('not_found', 'User not found');
      if (target.role === 'owner' && principal.role !== 'owner') {
        throw new DomainError('forbidden', 'Only an owner can change an owner');
      }
      if (changes.role && !canAssignRole(principal.role, changes.role)) {
        throw new DomainError('forbidden', `A ${principal.role} cannot make someone ${changes.role}`);
      }
      if (userId === principal.userId && (changes.role || changes.status)) {
        throw new DomainError('forbidden', 'You cannot change your own role or status');
      }
      const updated = await users.update({
        tenantId: principal.tenantId,
        userId,
        expectedVersion: expected,
        changes,
        now: services.clock().toISOString(),
      });
      return c.json(updated, 200);
    });
}
