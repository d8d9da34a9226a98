import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchemaPath, generateApiSchema } from './write-api-schema.js';

describe('the generated API schema', () => {
  it('matches the document createApp serves (run `npm run generate:api --workspace web` if not)', async () => {
    const committed = readFileSync(apiSchemaPath, 'utf8');
    expect(committed === (await generateApiSchema()), 'web/src/lib/api/schema.d.ts is stale').toBe(true);
  });
});
