import { createScryptHasher, type HashingBounds, inMemorySigningKey, type PasswordHasher } from '@crm/app';
import { newId } from '@crm/domain';
import type { TableClient } from '@crm/dynamodb';
import { type App, type AppDeps, createApp } from '@crm/http';
import { expect } from 'vitest';
import { withContractCheck } from './contract-check.js';
import { withTenantsNoted } from './tenants-of-this-file.js';
import { testTableClient } from './test-table.js';

// One key and a cheap scrypt cost for the whole test process: tests exercise the flow, not the cost.
export const testSigningKey = inMemorySigningKey();
const passwordHasher = createScryptHasher({ N: 2 ** 10 });

/** Where the test app's mails link to (PUBLIC_URL of a deployment). */
export const TEST_PUBLIC_URL = 'https://crm.test';

/** The header the test host reads the client's address from (a socket or API Gateway elsewhere). */
export const CLIENT_ADDRESS_HEADER = 'x-test-client-address';

/**
 * The real app on the shared DynamoDB Local table (or `table`, a suite's own: `ownTestTable`), with
 * dev routes (the outbox) mounted. Every response it gives is checked against its OpenAPI document
 * (contract-check.ts), and the tenants it serves are noted as this file's (tenants-of-this-file.ts).
 */
export function createTestApp(
  options: {
    clock?: () => Date;
    refitWaitMs?: number;
    refitDispatch?: AppDeps['refitDispatch'];
    hashingBounds?: HashingBounds;
    /** @default a cheap scrypt (tests exercise the flow, not the cost) */
    passwordHasher?: PasswordHasher;
    webhooks?: AppDeps['webhooks'];
    table?: TableClient;
    rateLimits?: AppDeps['rateLimits'];
    kpiSnapshotMinCustomers?: number;
    tenantDeletionLaterPassesMs?: readonly number[];
    campaignSendBudgetMs?: number;
    surveySendPageSize?: number;
  } = {},
): App {
  return withTenantsNoted(
    withContractCheck(
      createApp({
        table: options.table ?? testTableClient(),
        signingKey: testSigningKey,
        passwordHasher: options.passwordHasher ?? passwordHasher,
        devRoutes: true,
        publicUrl: TEST_PUBLIC_URL,
        clientAddress: (c) => c.req.header(CLIENT_ADDRESS_HEADER),
        ...(options.hashingBounds ? { hashingBounds: options.hashingBounds } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.refitWaitMs !== undefined ? { refitWaitMs: options.refitWaitMs } : {}),
        ...(options.refitDispatch ? { refitDispatch: options.refitDispatch } : {}),
        ...(options.webhooks ? { webhooks: options.webhooks } : {}),
        ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
        ...(options.kpiSnapshotMinCustomers !== undefined
          ? { kpiSnapshotMinCustomers: options.kpiSnapshotMinCustomers }
          : {}),
        ...(options.tenantDeletionLaterPassesMs
          ? { tenantDeletionLaterPassesMs: options.tenantDeletionLaterPassesMs }
          : {}),
        ...(options.campaignSendBudgetMs !== undefined
          ? { campaignSendBudgetMs: options.campaignSendBudgetMs }
          : {}),
        ...(options.surveySendPageSize !== undefined
          ? { surveySendPageSize: options.surveySendPageSize }
          : {}),
      }),
    ),
  );
}

export type SignedUpTenant = {
  tenantId: string;
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
};

export function uniqueEmail(label = 'user'): string {
  return `${label}-${newId().toLowerCase()}@example.com`;
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** Signs up a fresh tenant through the API and returns its owner's credentials. */
export async function signUpTenant(app: App, name = 'Test Tenant'): Promise<SignedUpTenant> {
  const email = uniqueEmail('owner');
  const response = await app.request('/v1/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantName: name, email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as {
    tenant: { id: string };
    user: { id: string };
    accessToken: string;
    refreshToken: string;
  };
  return {
    tenantId: body.tenant.id,
    userId: body.user.id,
    email,
    password: TEST_PASSWORD,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

/** JSON request helper: `call(app, 'POST', '/v1/x', { auth, body })`. */
export async function call(
  app: App,
  method: string,
  path: string,
  options: { auth?: { Authorization: string }; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.auth, ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json');
  const parsed = text && isJson ? (JSON.parse(text) as Record<string, unknown>) : text ? { text } : {};
  return { status: response.status, body: parsed, headers: response.headers };
}
