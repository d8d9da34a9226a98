// The ONE file of the SPA that imports the API app: when the app moves package, change this import.
import { inMemorySigningKey } from '@crm/app';
import { createTableClient } from '@crm/dynamodb';
import { createApp } from '@crm/http';

/**
 * The OpenAPI document the deployed API serves (no dev routes), built from `createApp` with
 * harmless dependencies: producing the document never touches the table or the key. `origin` is
 * the server the document names (it is served per request).
 */
export async function openApiDocument(origin = 'http://localhost'): Promise<Record<string, unknown>> {
  const app = createApp({
    table: createTableClient({ tableName: 'openapi-document', endpoint: 'http://127.0.0.1:9' }),
    signingKey: inMemorySigningKey(),
    version: 'dev',
  });
  const response = await app.request(`${origin}/openapi.json`);
  if (!response.ok) throw new Error(`/openapi.json answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
