import { apiGatewayEvent } from '@crm/testing';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { testDynamoDbEndpoint, testTableName } from '../support/test-table.js';

// One app, two adapters: app.request() (what the local node server does) and the Lambda handler
// fed an API Gateway HTTP API event. Both must give the same answers.

type LambdaHandler = (
  event: ReturnType<typeof apiGatewayEvent>,
) => Promise<APIGatewayProxyStructuredResultV2>;

const healthShape = { status: 'ok', db: 'ok', version: expect.any(String), time: expect.any(String) };
const errorShape = { error: { code: 'not_found', message: expect.any(String) } };

describe('GET /health through app.request()', () => {
  const app = createTestApp();

  it('answers 200 with the database reachable', async () => {
    const response = await app.request('/health');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(healthShape);
  });

  it('answers an unknown route with a 404 in the error shape', async () => {
    const response = await app.request('/no-such-route');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(errorShape);
  });
});

describe('GET /health through the Lambda handler', () => {
  let handler: LambdaHandler;

  beforeAll(async () => {
    // The handler reads its settings at import, as it does in a Lambda cold start.
    vi.stubEnv('TABLE_NAME', testTableName());
    vi.stubEnv('DYNAMODB_ENDPOINT', testDynamoDbEndpoint());
    ({ handler } = (await import('@crm/functions/http')) as unknown as { handler: LambdaHandler });
  });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('answers 200 with the same body as the node adapter', async () => {
    const result = await handler(apiGatewayEvent({ method: 'GET', path: '/health' }));

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(result.body ?? '')).toEqual(healthShape);
  });

  it('answers an unknown route with a 404 in the error shape', async () => {
    const result = await handler(apiGatewayEvent({ method: 'GET', path: '/no-such-route?x=1' }));

    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '')).toEqual(errorShape);
  });
});
