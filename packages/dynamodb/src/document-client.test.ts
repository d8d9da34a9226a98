import { describe, expect, it } from 'vitest';
import { createTableClient } from './document-client.js';

describe('createTableClient', () => {
  it('says a DynamoDB Local table has no partition limit, and an AWS one has', () => {
    const local = createTableClient({ tableName: 'crm', endpoint: 'http://127.0.0.1:8000' });
    const aws = createTableClient({ tableName: 'crm', region: 'eu-west-1' });

    expect(local.partitionLimited).toBe(false);
    expect(aws.partitionLimited).toBe(true);
    local.doc.destroy();
    aws.doc.destroy();
  });
});
