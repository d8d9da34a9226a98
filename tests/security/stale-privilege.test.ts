import { newId } from '@crm/domain';
import type { App } from '@crm/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InvitedUser, inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

type Route = { method: string; path: string };

/** Every route of the app's route table (the OpenAPI registry) that needs a token, ids filled in. */
function routeTable(app: App): Route[] {
  return (
    app.openAPIRegistry.definitions
      .flatMap((definition) => (definition.type === 'route' ? [definition.route] : []))
      // The auth flow and the public survey page take no token (the survey link is its own credential).
      .filter(
        (route) =>
          route.path.startsWith('/v1/') &&
          !route.path.startsWith('/v1/auth/') &&
          !route.path.startsWith('/v1/public/'),
      )
      .map((route) => ({
        method: route.method.toUpperCase(),
        path: route.path.replace(/\{[^}]+\}/g, () => newId()),
      }))
  );
}

async function statusOf(app: App, route: Route, auth: { Authorization: string }): Promise<number> {
  const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  return (await call(app, route.method, route.path, { auth, ...(hasBody ? { body: {} } : {}) })).status;
}

async function patchUser(app: App, owner: SignedUpTenant, userId: string, changes: Record<string, unknown>) {
  const current = await call(app, 'GET', `/v1/users/${userId}`, { auth: owner.auth });
  const patched = await call(app, 'PATCH', `/v1/users/${userId}`, {
    auth: owner.auth,
    body: { ...changes, version: current.body.version },
  });
  expect(patched.status).toBe(200);
}

describe('stale privilege: what a token or key may do follows the user as they are now', () => {
  const app = createTestApp();
  const routes = routeTable(app);
  let owner: SignedUpTenant;
  let member: InvitedUser;
  /** Routes a member is refused (403): the privileged ones, taken from the route table. */
  let privileged: Route[];

  beforeAll(async () => {
    owner = await signUpTenant(app);
    member = await inviteUser(app, owner.auth, 'member');
    privileged = [];
    for (const route of routes) {
      if ((await statusOf(app, route, member.auth)) === 403) privileged.push(route);
    }
  });

  it('finds the privileged routes in the route table', () => {
    expect(privileged.length).toBeGreaterThanOrEqual(6);
    expect(privileged).toContainEqual({ method: 'GET', path: '/v1/users' });
  });

  it('a demoted admin is refused every privileged route at once, and their sessions end', async () => {
    const admin = await inviteUser(app, owner.auth, 'admin');
    expect((await call(app, 'GET', '/v1/users', { auth: admin.auth })).status).toBe(200);
    await patchUser(app, owner, admin.userId, { role: 'member' });
    for (const route of privileged) {
      expect({ route, status: await statusOf(app, route, admin.auth) }).toEqual({ route, status: 403 });
    }
    const refreshed = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: admin.refreshToken },
    });
    expect(refreshed.status).toBe(401);
  });

  it('a disabled admin is refused every route of the table, and their sessions end', async () => {
    const admin = await inviteUser(app, owner.auth, 'admin');
    await patchUser(app, owner, admin.userId, { status: 'disabled' });
    for (const route of routes) {
      expect({ route, status: await statusOf(app, route, admin.auth) }).toEqual({ route, status: 401 });
    }
    const refreshed = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: admin.refreshToken },
    });
    expect(refreshed.status).toBe(401);
  });

  it('an API key stops working on every route while its creator is disabled or demoted', async () => {
    const admin = await inviteUser(app, owner.auth, 'admin');
    const created = await call(app, 'POST', '/v1/api-keys', {
      auth: admin.auth,
      body: { name: 'integration', scope: 'write' },
    });
    expect(created.status).toBe(201);
    const key = { Authorization: `Bearer ${created.body.key as string}` };
    expect((await call(app, 'GET', '/v1/customers', { auth: key })).status).toBe(200);

    await patchUser(app, owner, admin.userId, { status: 'disabled' });
    for (const route of routes) {
      expect({ route, status: await statusOf(app, route, key) }).toEqual({ route, status: 401 });
    }

    await patchUser(app, owner, admin.userId, { status: 'active' });
    expect((await call(app, 'GET', '/v1/customers', { auth: key })).status).toBe(200);
    await patchUser(app, owner, admin.userId, { role: 'member' });
    expect((await call(app, 'GET', '/v1/customers', { auth: key })).status).toBe(401);
  });
});
