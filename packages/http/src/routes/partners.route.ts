import type { Services } from '@crm/app';
import {
  EmailSchema,
  idSchema,
  LocaleSchema,
  PartnerCustomerSchema,
  PartnerOrganisationCreateSchema,
  PartnerOrganisationPatchSchema,
  PartnerOrganisationSchema,
  PartnerPortalSchema,
  PartnerSalesFiguresSchema,
  PartnerUserMoveSchema,
  ShareSchema,
  UserSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { actorOf } from './actor.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const OrganisationParam = z.object({ organisationId: idSchema('a partner organisation id') });
const MemberParams = OrganisationParam.extend({ userId: idSchema('a user id') });

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant' }).max(40);
const PeriodQuery = z.strictObject({ from: Instant.optional(), to: Instant.optional() });

const OrganisationInviteSchema = z
  .strictObject({
    email: EmailSchema,
    name: z.string().trim().min(1).max(120).optional(),
    locale: LocaleSchema.optional(),
  })
  .openapi('PartnerInvitation');

const MemberPatchSchema = z
  .strictObject({
    status: z.enum(['active', 'disabled']),
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .openapi('PartnerMemberPatch');

const common = { tags: ['partners'] as ['partners'], security: bearerSecurity };
const manages = ' Tenant admins, and the organisation’s own admin (a partner user) for its organisation.';

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/partner-organisations',
    operationId: 'listPartnerOrganisations',
    summary: 'The partner organisations (dealers) of this tenant (admins)',
    description: 'Every partner organisation, active or disabled, by name.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(PartnerOrganisationSchema) }), 'Organisations'),
      ...errorResponses(403),
    },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/partner-organisations',
    operationId: 'createPartnerOrganisation',
    summary: 'Create a partner organisation (经销商; admins)',
    description:
      'A dealer organisation: invite its users with `organisationId`, then share customers with it.',
    request: { body: jsonBody(PartnerOrganisationCreateSchema) },
    responses: { 201: jsonResponse(PartnerOrganisationSchema, 'The organisation') },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/partner-organisations/{organisationId}',
    operationId: 'getPartnerOrganisation',
    summary: 'One partner organisation (admins)',
    description: 'The organisation, its version as ETag.',
    request: { params: OrganisationParam },
    responses: { 200: jsonResponse(PartnerOrganisationSchema, 'The organisation'), ...errorResponses(403) },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/partner-organisations/{organisationId}',
    operationId: 'updatePartnerOrganisation',
    summary: 'Rename, disable or enable a partner organisation, or name its admin (admins); If-Match',
    description:
      'Disabling stops every share the organisation holds from its users’ next request on (their own shares keep working). `adminUserId` must be a partner user of the organisation.',
    request: {
      params: OrganisationParam,
      body: jsonBody(PartnerOrganisationPatchSchema),
      headers: IfMatchHeader,
    },
    responses: {
      200: jsonResponse(PartnerOrganisationSchema, 'The changed organisation'),
      ...errorResponses(409, 428),
    },
  }),
  shares: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/partner-organisations/{organisationId}/shares',
    operationId: 'listPartnerOrganisationShares',
    summary: 'The customers shared with a partner organisation (admins)',
    description: 'Every share the organisation holds, expired ones included (see `validUntil`).',
    request: { params: OrganisationParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ShareSchema) }), 'Shares'),
      ...errorResponses(403),
    },
  }),
  members: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/partner-organisations/{organisationId}/users',
    operationId: 'listPartnerOrganisationUsers',
    summary: 'The users of a partner organisation',
    description: `Invited, active and disabled users of the organisation.${manages}`,
    request: { params: OrganisationParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(UserSchema) }), 'Users'),
      ...errorResponses(403),
    },
  }),
  invite: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/partner-organisations/{organisationId}/invitations',
    operationId: 'invitePartnerUser',
    summary: 'Invite a partner user into the organisation',
    description: `The ordinary invitation (a one-time link by e-mail) with role partner, tied to the organisation.${manages}`,
    request: { params: OrganisationParam, body: jsonBody(OrganisationInviteSchema) },
    responses: { 201: jsonResponse(UserSchema, 'The invited user'), ...errorResponses(409) },
  }),
  member: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/partner-organisations/{organisationId}/users/{userId}',
    operationId: 'updatePartnerOrganisationUser',
    summary: 'Disable or re-enable a user of the organisation; If-Match',
    description: `A disabled user is signed out at once.${manages} Nobody changes their own status.`,
    request: { params: MemberParams, body: jsonBody(MemberPatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(UserSchema, 'The changed user'), ...errorResponses(409, 428) },
  }),
  move: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/partner-organisations/{organisationId}/users/{userId}/move',
    operationId: 'movePartnerOrganisationUser',
    summary: 'Move a partner user to another organisation (admins); If-Match or body version',
    description:
      'The user leaves this organisation for `toOrganisationId` (active, of the same tenant): this organisation’s shares stop reaching it at its next request, the new one’s start; its own shares stay. The move is appended to the user’s `organisationMoves`; an organisation admin who moves is its admin no more. Admins only (403 for an organisation’s admin).',
    request: { params: MemberParams, body: jsonBody(PartnerUserMoveSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(UserSchema, 'The moved user'), ...errorResponses(409, 428) },
  }),
  portal: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/partner/portal',
    operationId: 'getPartnerPortal',
    summary: 'The partner portal: my customers, service requests, deals and sales figures (partners)',
    description:
      'The landing view of a partner user: customers shared with it or its organisation (what each share shows), the service requests dispatched to it, the deals on those customers (read-only) and the orders on them in [from, to) (default: the last 30 days). Read fresh on every request: a revoked or expired share is gone at once.',
    request: { query: PeriodQuery },
    responses: { 200: jsonResponse(PartnerPortalSchema, 'The portal'), ...errorResponses(403) },
  }),
  customers: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/partner/customers',
    operationId: 'listPartnerCustomers',
    summary: 'My shared customers, with how each is shared (partners)',
    description:
      'Each customer shared with the partner user or its organisation: the projected customer, the fields, the access (read or read-write) and whether the timeline may be written.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(PartnerCustomerSchema) }), 'Customers'),
      ...errorResponses(403),
    },
  }),
  figures: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/partner/figures',
    operationId: 'getPartnerFigures',
    summary: 'My sales figures: orders on my customers in a period (partners)',
    description:
      'Count and value (minor units) per currency of the orders in [from, to); default the last 30 days.',
    request: { query: PeriodQuery },
    responses: { 200: jsonResponse(PartnerSalesFiguresSchema, 'Figures'), ...errorResponses(403) },
  }),
};

export function partnerRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/partner-organisations', requireAdmin());
  app.on(['GET', 'PATCH'], '/v1/partner-organisations/:organisationId', requireAdmin());
  app.use('/v1/partner-organisations/:organisationId/shares', requireAdmin());
  app.use('/v1/partner-organisations/:organisationId/users/:userId/move', requireAdmin());
  return app
    .openapi(routes.list, async (c) =>
      c.json({ items: await services.partnerOrganisations.list(c.var.principal) }, 200),
    )
    .openapi(routes.create, async (c) => {
      const organisation = await services.partnerOrganisations.create(
        actorOf(c.var.principal),
        c.req.valid('json'),
      );
      c.header('ETag', `"${organisation.version}"`);
      return c.json(organisation, 201);
    })
    .openapi(routes.get, async (c) => {
      const organisation = await services.partnerOrganisations.get({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
      });
      c.header('ETag', `"${organisation.version}"`);
      return c.json(organisation, 200);
    })
    .openapi(routes.patch, async (c) => {
      const { version, ...patch } = c.req.valid('json');
      const organisation = await services.partnerOrganisations.update(actorOf(c.var.principal), {
        organisationId: c.req.valid('param').organisationId,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        patch,
      });
      c.header('ETag', `"${organisation.version}"`);
      return c.json(organisation, 200);
    })
    .openapi(routes.shares, async (c) => {
      const items = await services.shares.listForOrganisation({
        tenantId: c.var.principal.tenantId,
        ...c.req.valid('param'),
      });
      return c.json({ items }, 200);
    })
    .openapi(routes.members, async (c) => {
      const organisation = await services.partnerOrganisations.managed(
        c.var.principal,
        c.req.valid('param').organisationId,
      );
      const items = await services.partnerOrganisations.members({
        tenantId: c.var.principal.tenantId,
        organisationId: organisation.id,
      });
      return c.json({ items }, 200);
    })
    .openapi(routes.invite, async (c) => {
      const user = await services.partnerOrganisations.invite(c.var.principal, {
        ...c.req.valid('json'),
        organisationId: c.req.valid('param').organisationId,
      });
      return c.json(user, 201);
    })
    .openapi(routes.member, async (c) => {
      const { version, status } = c.req.valid('json');
      const user = await services.partnerOrganisations.setMemberStatus(c.var.principal, {
        ...c.req.valid('param'),
        status,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
      });
      return c.json(user, 200);
    })
    .openapi(routes.move, async (c) => {
      const { version, toOrganisationId } = c.req.valid('json');
      const user = await services.partnerOrganisations.moveMember(c.var.principal, {
        ...c.req.valid('param'),
        toOrganisationId,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
      });
      return c.json(user, 200);
    })
    .openapi(routes.portal, async (c) =>
      c.json(await services.partnerPortal.portal(c.var.principal, c.req.valid('query')), 200),
    )
    .openapi(routes.customers, async (c) =>
      c.json({ items: await services.partnerPortal.customers(c.var.principal) }, 200),
    )
    .openapi(routes.figures, async (c) =>
      c.json(await services.partnerPortal.figures(c.var.principal, c.req.valid('query')), 200),
    );
}
