import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import type { TableClient } from '@crm/dynamodb';
import { type AppDeps, createApp } from '@crm/http';

export type BenchResponse = { status: number; body: Record<string, unknown> };

export type BenchTenant = {
  tenantId: string;
  auth: { authorization: string };
  /** One call to the in-process app, JSON in and out. */
  request: (
    method: string,
    path: string,
    auth: Record<string, string>,
    body?: unknown,
  ) => Promise<BenchResponse>;
};

/**
 * A fresh tenant signed up on an in-process app over `table`: what the API benches measure through,
 * without a socket (a cheap scrypt: sign-up cost is not what they measure).
 */
export async function benchTenant(
  table: TableClient,
  tenantName: string,
  options: Partial<Omit<AppDeps, 'table'>> = {},
): Promise<BenchTenant> {
  const app = createApp({
    table,
    signingKey: inMemorySigningKey(),
    passwordHasher: createScryptHasher({ N: 2 ** 10 }),
    ...options,
  });
  const request = async (method: string, path: string, auth: Record<string, string>, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const slug = tenantName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const signup = await request(
    'POST',
    '/v1/auth/signup',
    {},
    { tenantName, email: `${slug}-${Date.now()}@example.com`, password: 'bench-password-1' },
  );
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}`);
  return {
    tenantId: (signup.body.tenant as { id: string }).id,
    auth: { authorization: `Bearer ${signup.body.accessToken as string}` },
    request,
  };
}
