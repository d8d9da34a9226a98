import { inMemorySigningKey } from '@crm/app';
import { createTableClient } from '@crm/dynamodb';
import { createApp } from '@crm/http';
const app = createApp({ table: createTableClient({ tableName: 't', endpoint: 'http://127.0.0.1:1' }), signingKey: inMemorySigningKey(), devRoutes: true });
const res = await app.request('/openapi.json');
console.log(JSON.stringify(await res.json(), null, 1));
