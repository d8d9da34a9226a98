import { newId } from '@crm/domain';
import type { App } from '@crm/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InvitedUser, inviteUser } from '../support/invite-user.js';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
} from '../support/test-app.js';

type Route = { method: string; path: string };

/** The routes of tenant data rights, from the app's route table (the OpenAPI registry). */
function dataRightsRoutes(app: App): Route[] {
  return app.openAPIRegistry.definitions
    .flatMap((definition) => (definition.type === 'route' ? [definition.route] : []))
    .filter(
      (route) =>
        route.path.startsWith('/v1/tenant/export') ||
        (route.path === '/v1/tenant' && route.method === 'delete'),
    )
    .map((route) => ({
      method: route.method.toUpperCase(),
      path: route.path.replace(/\{[^}]+\}/g, () => newId()),
    }));
}

/** Every route that needs a token, ids filled in. */
function tokenRoutes(app: App): Route[] {
  return app.openAPIRegistry.definitions
    .flatMap((definition) => (definition.type === 'route' ? [definition.route] : []))
    .filter(
      (route) =>
        route.path.startsWith('/v1/') &&
        !route.path.startsWith('/v1/auth/') &&
        !route.path.startsWith('/v1/public/'),
    )
    .map((route) => ({
      method: route.method.toUpperCase(),
      path: route.path.replace(/\{[^}]+\}/g, () => newId()),
    }));
}

async function statusOf(app: App, route: Route, auth: { Authorization: string }, body: unknown = {}) {
  const hasBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
  return (await call(app, route.method, route.path, { auth, ...(hasBody ? { body } : {}) })).status;
}

/**
 * Tenant data rights in the security matrix: exporting all the data and deleting the tenant are
 * the owner's alone (an admin, a member, a partner and an API key of any scope get 403), and once
 * a tenant is deleted every token and key of it answers 401 on every route of the table.
 */
describe('tenant data rights: the owner alone, and nothing after the deletion', () => {
  const app = createTestApp();
  const routes = dataRightsRoutes(app);
  let owner: SignedUpTenant;
  let others: Record<string, { Authorization: string }>;
  let admin: InvitedUser;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Rights Tenant');
    admin = await inviteUser(app, owner.auth, 'admin');
    const member = await inviteUser(app, owner.auth, 'member');
    const partner = await inviteUser(app, owner.auth, 'partner');
    const key = async (scope: 'read' | 'write') => {
      const created = await call(app, 'POST', '/v1/api-keys', {
        auth: admin.auth,
        body: { name: scope, scope },
      });
      expect(created.status).toBe(201);
      return { Authorization: `Bearer ${created.body.key as string}` };
    };
    others = {
      admin: admin.auth,
      member: member.auth,
      partner: partner.auth,
      writeKey: await key('write'),
      readKey: await key('read'),
    };
  });

  it('finds the data rights routes in the route table', () => {
    expect(
      routes.map((route) => `${route.method} ${route.path.replace(/[0-9A-Z]{26}/g, '{id}')}`).sort(),
    ).toEqual([
      'DELETE /v1/tenant',
      'GET /v1/tenant/exports',
      'GET /v1/tenant/exports/{id}',
      'POST /v1/tenant/export',
      'POST /v1/tenant/exports/{id}/download',
    ]);
  });

  it('refuses every data rights route to everyone but the owner', async () => {
    const body = { confirmation: 'Rights Tenant', password: TEST_PASSWORD };
    for (const [who, auth] of Object.entries(others)) {
      for (const route of routes) {
        expect({ who, route, status: await statusOf(app, route, auth, body) }).toEqual({
          who,
          route,
          status: 403,
        });
      }
    }
    // Nothing was deleted by any of them.
    expect((await call(app, 'GET', '/v1/tenant', { auth: owner.auth })).status).toBe(200);
  });

  it('answers 401 on every route to every token and key of a deleted tenant', async () => {
    const deleted = await call(app, 'DELETE', '/v1/tenant', {
      auth: owner.auth,
      body: { confirmation: 'Rights Tenant', password: TEST_PASSWORD },
    });
    expect(deleted.status).toBe(202);
    for (const auth of [owner.auth, admin.auth, others.writeKey as { Authorization: string }]) {
      for (const route of tokenRoutes(app)) {
        expect({ route, status: await statusOf(app, route, auth) }).toEqual({ route, status: 401 });
      }
    }
  });
});
