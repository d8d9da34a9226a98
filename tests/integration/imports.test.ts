import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ImportRepository, keys, TenantItems, tenantDirectory } from '@crm/dynamodb';
import { testCustomer } from '@crm/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

const app = createTestApp();

async function upload(owner: SignedUpTenant, query: string, file: string | Uint8Array) {
  const response = await app.request(`/v1/imports?${query}`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'text/csv' },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(owner: SignedUpTenant, path: string) {
  const response = await app.request(path, { headers: owner.auth });
  return (await response.json()) as Record<string, unknown>;
}

const customersCsv = [
  'customer_id,name,kind,email,phone,tags',
  'C1,王记米店,business,rice@example.cn,+86 21 1111 0001,vip;retail',
  'C2,Li Lei,consumer,lilei@example.com,,',
  'C3,,consumer,,,',
  'C4,Bad Mail,consumer,not-an-email,,',
  'C5,Ragged,consumer',
  'C2,Li Lei again,consumer,,,',
].join('\n');

describe('imports', () => {
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app);
  });

  it('dry-runs a customers file: per-row reasons, nothing written', async () => {
    const report = await upload(owner, 'kind=customers&dryRun=true', customersCsv);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ dryRun: true, rowsRead: 6, rowsWritten: 2, rowsRejected: 4 });
    expect(report.body.rejected).toEqual([
      { row: 4, field: 'name', reason: expect.any(String) },
      { row: 5, field: 'email', reason: 'must be a valid e-mail address' },
      { row: 6, reason: 'has 3 columns, the header has 6' },
      { row: 7, field: 'customer_id', reason: 'appears earlier in the file' },
    ]);
    const list = await get(owner, '/v1/customers');
    expect(list.items).toEqual([]);
  });

  it('imports customers, then the same file again without duplicates', async () => {
    const first = await upload(owner, 'kind=customers', customersCsv);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'completed',
      rowsWritten: 2,
      customersCreated: 2,
      rowsRejected: 4,
    });
    const again = await upload(owner, 'kind=customers', customersCsv);
    expect(again.body).toMatchObject({ rowsWritten: 0, rowsUnchanged: 2 });
    const list = await get(owner, '/v1/customers?sort=name&order=asc');
    expect((list.items as { name: string; tags: string[] }[]).map((c) => c.name)).toEqual([
      'Li Lei',
      '王记米店',
    ]);
    const job = await get(owner, `/v1/imports/${first.body.id}`);
    expect(job).toMatchObject({ rowsRead: 6, rowsRejected: 4, status: 'completed' });
    expect((job.rejected as unknown[]).length).toBe(4);
  });

  it('imports transactions onto those customers idempotently, with figures counted once', async () => {
    const transactions = [
      'customer_id,date,amount,quantity',
      'C1,2026-01-02,12.34,1',
      'C1,2026-01-02,12.34,1',
      'C1,2026-02-03,100,2',
      'C2,2026-03-01,5.5,',
      'C9,2026-03-01,5,1',
      'C2,2026-02-30,5,1',
    ].join('\r\n');
    const first = await upload(owner, 'kind=transactions', transactions);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rowsRead: 6, rowsWritten: 4, rowsRejected: 2 });
    const second = await upload(owner, 'kind=transactions', transactions);
    expect(second.body).toMatchObject({ rowsWritten: 4 });
    const list = await get(owner, '/v1/customers?q=%E7%8E%8B');
    const rice = (list.items as { id: string; stats: Record<string, unknown> }[])[0];
    expect(rice?.stats).toMatchObject({ orderCount: 3, orderValue: 1234 + 1234 + 10000 });
    const timeline = await get(owner, `/v1/customers/${rice?.id}/interactions`);
    expect((timeline.items as unknown[]).length).toBe(3);
  });

  it('refuses a file that is not UTF-8 with 422 and writes nothing', async () => {
    const latin1 = new Uint8Array([...Buffer.from('customer_id,name\nC7,'), 0xe9, 0x0a]);
    const report = await upload(owner, 'kind=customers', latin1);
    expect(report.status).toBe(422);
    expect(report.body.error).toMatchObject({
      code: 'unprocessable',
      fields: [{ path: 'file', message: 'is not valid UTF-8' }],
    });
  });

  it('refuses malformed CSV, an unknown kind and a bad mapping', async () => {
    expect((await upload(owner, 'kind=customers', 'customer_id,name\n"C8,unclosed\n')).status).toBe(422);
    expect((await upload(owner, 'kind=people', customersCsv)).status).toBe(400);
    expect((await upload(owner, 'kind=customers&mapping=%5B1%5D', customersCsv)).status).toBe(400);
  });
});

describe('a customers import whose earlier run died mid-batch', () => {
  // A run killed between its batches' writes (tests/reliability/import-crash.test.ts does it for
  // real) leaves external-id mappings whose customers never landed; never the reverse.
  it('writes the customer a mapping points at under the mapped id, once', async () => {
    const owner = await signUpTenant(app);
    const file = ['customer_id,name,kind', 'K1,Landed,business', 'K2,Lost,business'].join('\n');
    expect((await upload(owner, 'kind=customers', file)).status).toBe(201);
    const before = (await get(owner, '/v1/customers?sort=name&order=asc')).items as {
      id: string;
      name: string;
    }[];
    const lost = before.find((customer) => customer.name === 'Lost') as { id: string };
    const table = testTableClient();
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: keys.customer(owner.tenantId, lost.id) }),
    );

    const again = await upload(owner, 'kind=customers', file);

    expect(again.body).toMatchObject({ status: 'completed', rowsWritten: 1, rowsUnchanged: 1 });
    const after = (await get(owner, '/v1/customers?sort=name&order=asc')).items as {
      id: string;
      name: string;
    }[];
    expect(after.map((customer) => [customer.name, customer.id])).toEqual(
      before.map((customer) => [customer.name, customer.id]),
    );
    const third = await upload(owner, 'kind=customers', file);
    expect(third.body).toMatchObject({ rowsWritten: 0, rowsUnchanged: 2 });
  });
});

describe('a transactions import whose earlier run died writing its new customers', () => {
  // Its new customers are written at its end, each batch mappings first: a run killed there leaves
  // mappings whose customers never landed, their orders already written under the mapped ids.
  it("creates the customer a mapping points at under the mapped id, with the whole file's figures", async () => {
    const owner = await signUpTenant(app);
    const file = [
      'customer_id,date,amount',
      'N1,2026-02-01,10.00',
      'N2,2026-02-02,20.00',
      'N2,2026-02-03,5.00',
    ].join('\n');
    const options = 'kind=transactions&createMissingCustomers=true';
    expect((await upload(owner, options, file)).body).toMatchObject({ customersCreated: 2 });
    const before = (await get(owner, '/v1/customers?sort=name&order=asc')).items as {
      id: string;
      externalId: string;
    }[];
    const lost = before.find((customer) => customer.externalId === 'N2') as { id: string };
    const table = testTableClient();
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: keys.customer(owner.tenantId, lost.id) }),
    );

    const again = await upload(owner, options, file);

    expect(again.body).toMatchObject({ status: 'completed', customersCreated: 1, rowsWritten: 3 });
    const after = (await get(owner, '/v1/customers?sort=name&order=asc')).items as {
      id: string;
      externalId: string;
      stats: { orderCount: number; interactionCount: number };
    }[];
    expect(after.map((customer) => [customer.externalId, customer.id])).toEqual(
      before.map((customer) => [customer.externalId, customer.id]),
    );
    expect(after.find((customer) => customer.id === lost.id)?.stats).toMatchObject({
      orderCount: 2,
      interactionCount: 2,
    });
    const third = await upload(owner, options, file);
    expect(third.body).toMatchObject({ customersCreated: 0, rowsWritten: 3 });
  });
});

describe('the directory of external ids, spread over shards', () => {
  /** The mappings' keys listed in one directory partition (gsi1). */
  async function listed(partition: string): Promise<string[]> {
    const table = testTableClient();
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
      }),
    );
    return (page.Items ?? []).map((item) => String(item.pk));
  }

  it('lists each imported mapping in the shard of its external id, none in the old single partition', async () => {
    const owner = await signUpTenant(app);
    const ids = Array.from({ length: 40 }, (_, index) => `S-${index}`);
    const file = ['customer_id,name,kind', ...ids.map((id) => `${id},Name ${id},consumer`)].join('\n');

    expect((await upload(owner, 'kind=customers', file)).body).toMatchObject({ customersCreated: 40 });

    const [legacy, ...shards] = tenantDirectory.externalIdPartitions(owner.tenantId);
    expect(await listed(legacy as string)).toEqual([]);
    const byShard = await Promise.all(shards.map((partition) => listed(partition)));
    // 40 ids over 16 shards: spread, not piled on one partition.
    expect(byShard.filter((pks) => pks.length > 0).length).toBeGreaterThan(8);
    for (const id of ids) {
      const { gsi1pk } = tenantDirectory.externalIdIndex(owner.tenantId, id);
      expect(byShard[shards.indexOf(gsi1pk)]).toContain(keys.externalCustomer(owner.tenantId, id).pk);
    }
    const found: string[] = [];
    for await (const pk of new TenantItems(testTableClient(), owner.tenantId).partitionsOf('EXT'))
      found.push(pk);
    expect(found.sort()).toEqual(ids.map((id) => keys.externalCustomer(owner.tenantId, id).pk).sort());
  });

  it('still de-duplicates by, exports and deletes a mapping listed in the single partition of before', async () => {
    const owner = await signUpTenant(app);
    const file = ['customer_id,name,kind', 'OLD-1,Old One,business', 'OLD-2,Old Two,business'].join('\n');
    expect((await upload(owner, 'kind=customers', file)).body).toMatchObject({ customersCreated: 2 });
    // As a mapping written before the shards: its directory entry in `T#t#DIR#EXTS`.
    const table = testTableClient();
    const [legacy] = tenantDirectory.externalIdPartitions(owner.tenantId);
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.externalCustomer(owner.tenantId, 'OLD-1'),
        UpdateExpression: 'SET gsi1pk = :legacy',
        ExpressionAttributeValues: { ':legacy': legacy },
      }),
    );
    expect(await listed(legacy as string)).toEqual([keys.externalCustomer(owner.tenantId, 'OLD-1').pk]);

    const again = await upload(owner, 'kind=customers', file);

    expect(again.body).toMatchObject({ customersCreated: 0, rowsWritten: 0, rowsUnchanged: 2 });
    expect(((await get(owner, '/v1/customers')).items as unknown[]).length).toBe(2);
    const items = new TenantItems(table, owner.tenantId);
    const found: string[] = [];
    for await (const pk of items.partitionsOf('EXT')) found.push(pk);
    expect(found.sort()).toEqual(
      ['OLD-1', 'OLD-2'].map((id) => keys.externalCustomer(owner.tenantId, id).pk).sort(),
    );
    await items.deleteAll();
    const mapping = await new ImportRepository(table, owner.tenantId).table.get(
      keys.externalCustomer(owner.tenantId, 'OLD-1'),
    );
    expect(mapping).toBeUndefined();
    expect(await listed(legacy as string)).toEqual([]);
  });
});

describe('order exports that name their customers', () => {
  it('creates each new customer from its first row, and rejects a row whose profile is invalid', async () => {
    const owner = await signUpTenant(app);
    const csv = [
      'customer_id,date,amount,name,kind,email',
      'S1,2026-01-01,10.00,Shop One,business,one@example.com',
      'S1,2026-01-02,5.00,Shop One,business,one@example.com',
      'S2,2026-01-03,7.00,,consumer,two@example.com',
      'S3,2026-01-04,1.00,Bad Mail,consumer,not-mail',
    ].join('\n');
    const report = await upload(owner, 'kind=transactions&createMissingCustomers=true', csv);
    expect(report.body).toMatchObject({ customersCreated: 1, rowsWritten: 2, rowsRejected: 2 });
    expect(report.body.rejected).toEqual([
      { row: 4, field: 'name', reason: expect.any(String) },
      { row: 5, field: 'email', reason: 'must be a valid e-mail address' },
    ]);
    const list = await get(owner, '/v1/customers');
    expect(list.items).toEqual([
      expect.objectContaining({
        name: 'Shop One',
        kind: 'business',
        email: 'one@example.com',
        externalId: 'S1',
      }),
    ]);
  });
});

describe('CDNOW import', () => {
  it('reads the CDNOW master layout, creating customers, dollars to cents', async () => {
    const owner = await signUpTenant(app);
    const master = readFileSync(
      resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
      'utf8',
    );
    const head = master.split('\n').slice(0, 201).join('\n');
    const report = await upload(
      owner,
      `kind=transactions&layout=cdnow&createMissingCustomers=true&currency=USD&mapping=${encodeURIComponent(
        JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }),
      )}`,
      head,
    );
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ rowsRead: 200, rowsRejected: 0, rowsWritten: 200 });
    const again = await upload(
      owner,
      `kind=transactions&layout=cdnow&createMissingCustomers=true&currency=USD&mapping=${encodeURIComponent(
        JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }),
      )}`,
      head,
    );
    expect(again.body).toMatchObject({ customersCreated: 0, rowsWritten: 200 });
    const first = await get(owner, '/v1/customers?sort=createdAt&order=asc&limit=200');
    const customers = first.items as {
      externalId: string;
      stats: { orderCount: number; orderValueByCurrency: Record<string, number> };
    }[];
    const c1 = customers.find((c) => c.externalId === '00001');
    expect(c1?.stats).toMatchObject({ orderCount: 1, orderValueByCurrency: { USD: 1177 } });
    const c2 = customers.find((c) => c.externalId === '00002');
    expect(c2?.stats).toMatchObject({ orderCount: 2, orderValueByCurrency: { USD: 1200 + 7700 } });
  });
});

describe('the CDNOW layout needs no mapping', () => {
  const cdnow = resolve(import.meta.dirname, '../../../shared/data/cdnow');
  const head = (file: string, lines: number) =>
    readFileSync(resolve(cdnow, file), 'utf8').split('\n').slice(0, lines).join('\n');

  it('imports the master file (header, 4 columns) without a mapping', async () => {
    const owner = await signUpTenant(app);
    const report = await upload(
      owner,
      'kind=transactions&layout=cdnow&createMissingCustomers=true&currency=USD',
      head('CDNOW_master.txt', 51),
    );
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ rowsRead: 50, rowsRejected: 0, rowsWritten: 50 });
  });

  it('imports the sample file (no header, 5 columns) without a mapping, dollars to cents', async () => {
    const owner = await signUpTenant(app);
    const report = await upload(
      owner,
      'kind=transactions&layout=cdnow&createMissingCustomers=true&currency=USD',
      head('CDNOW_sample.txt', 3),
    );
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ rowsRead: 3, rowsRejected: 0, rowsWritten: 3, customersCreated: 1 });
    const page = await get(owner, '/v1/customers?limit=10');
    const customers = page.items as {
      externalId: string;
      stats: { orderValueByCurrency: Record<string, number> };
    }[];
    expect(customers.map((customer) => customer.externalId)).toEqual(['00004']);
    expect(customers[0]?.stats.orderValueByCurrency).toEqual({ USD: 2933 + 2973 + 1496 });
  });

  it('refuses a mapping that names a column the file lacks with a 400, before reading any row', async () => {
    const owner = await signUpTenant(app);
    const report = await upload(
      owner,
      `kind=transactions&layout=csv&mapping=${encodeURIComponent(JSON.stringify({ amount: 'total' }))}`,
      'customer_id,date,amount_cny\nC1,2026-01-02,12.50',
    );
    expect(report.status).toBe(400);
    expect(report.body.error).toMatchObject({
      fields: [{ path: 'mapping.amount', message: 'the file has no column "total"' }],
    });
    const unmapped = await upload(
      owner,
      'kind=transactions',
      'customer_id,date,amount_cny\nC1,2026-01-02,12.50',
    );
    expect(unmapped.status).toBe(400);
    expect((unmapped.body.error as { fields: { path: string }[] }).fields).toEqual([
      expect.objectContaining({ path: 'mapping.amount' }),
    ]);
    expect((await get(owner, '/v1/imports')).items).toEqual([]);
  });

  it('takes a field mapped to an empty column name as not in the file, as the wizard sends it', async () => {
    const owner = await signUpTenant(app);
    const mapping = { externalId: 'customer_id', name: 'name', tags: '', email: '' };
    const report = await upload(
      owner,
      `kind=customers&layout=csv&dryRun=true&mapping=${encodeURIComponent(JSON.stringify(mapping))}`,
      'customer_id,name\nC1,Chen Household',
    );
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ rowsRead: 1, rowsRejected: 0 });
  });
});

describe('custom fields in a customers import', () => {
  let owner: SignedUpTenant;
  const mapping = {
    externalId: 'customer_id',
    name: 'name',
    'customFields.member_level': '会员等级',
    'customFields.since': 'since',
    'customFields.credit_limit': 'limit',
    'customFields.vat_number': 'vat',
    'customFields.newsletter': 'newsletter',
  };
  const query = (extra = '') =>
    `kind=customers&mapping=${encodeURIComponent(JSON.stringify(mapping))}${extra}`;
  const file = [
    'customer_id,name,会员等级,since,limit,vat,newsletter',
    'K1,Zhao Mill,gold,2019-03-01,"1,500.50",CN-001,是',
    'K2,Qian Farm,bronze,2020-01-01,10,CN-002,no',
    'K3,Sun Shop,silver,2020-02-30,10,CN-003,no',
    'K4,Li Store,silver,2021-05-05,ten,CN-004,no',
    'K5,Zhou Bakery,silver,2021-05-05,10,cn-001,no',
    'K6,Wu Tea,,,,CN-006,maybe',
    'K7,Zheng Rice,Silver,20210606,0,,yes',
    'K8,Old Vat,silver,2021-05-05,10,CN-TAKEN,no',
    'K9,Feng Oil,,,,,',
  ].join('\n');

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Custom Imports Ltd');
    const definitions = [
      {
        key: 'member_level',
        label: { en: 'Level', zh: '会员等级' },
        type: 'enum',
        options: ['Gold', 'Silver'],
      },
      { key: 'since', label: { en: 'Customer since' }, type: 'date' },
      { key: 'credit_limit', label: { en: 'Credit limit' }, type: 'money', currency: 'CNY' },
      { key: 'vat_number', label: { en: 'VAT number' }, type: 'text', unique: true },
      { key: 'newsletter', label: { en: 'Newsletter' }, type: 'boolean' },
      { key: 'retired', label: { en: 'Retired' }, type: 'text' },
    ];
    for (const body of definitions) {
      expect((await call(app, 'POST', '/v1/custom-fields', { auth: owner.auth, body })).status).toBe(201);
    }
    const holder = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Holds the VAT', kind: 'business', customFields: { vat_number: 'cn-taken' } },
    });
    expect(holder.status).toBe(201);
  });

  it('rejects in the dry run each row whose value does not fit its field, naming the row and column', async () => {
    const report = await upload(owner, query('&dryRun=true'), file);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ rowsRead: 9, rowsWritten: 3, rowsRejected: 6 });
    expect(report.body.rejected).toEqual([
      { row: 3, field: '会员等级', reason: 'must be one of: Gold, Silver' },
      { row: 4, field: 'since', reason: 'must be a date YYYY-MM-DD' },
      { row: 5, field: 'limit', reason: 'must be a decimal amount in CNY' },
      { row: 6, field: 'vat', reason: 'appears earlier in the file' },
      { row: 7, field: 'newsletter', reason: 'must be true or false (yes/no, 1/0, 是/否)' },
      // Checked against the book when its batch is written: after the rows the parser rejects.
      { row: 9, field: 'vat', reason: 'another customer has this value' },
    ]);
    expect((await get(owner, '/v1/customers')).items).toHaveLength(1);
  });

  it('writes the values read as their types on the customers', async () => {
    const report = await upload(owner, query(), file);
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ rowsWritten: 3, customersCreated: 3, rowsRejected: 6 });
    const list = (await get(owner, '/v1/customers?sort=name&order=asc')).items as {
      name: string;
      customFields: Record<string, unknown>;
    }[];
    const byName = new Map(list.map((customer) => [customer.name, customer.customFields]));
    expect(byName.get('Zhao Mill')).toEqual({
      member_level: 'Gold',
      since: '2019-03-01',
      credit_limit: 150050,
      vat_number: 'CN-001',
      newsletter: true,
    });
    expect(byName.get('Zheng Rice')).toEqual({
      member_level: 'Silver',
      since: '2021-06-06',
      credit_limit: 0,
      newsletter: true,
    });
    expect(byName.get('Feng Oil')).toEqual({});
    expect(byName.has('Qian Farm')).toBe(false);
    // The imported unique value is claimed like one typed in: the API refuses it for another customer.
    const clash = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Clash', kind: 'business', customFields: { vat_number: 'cn-001' } },
    });
    expect(clash.status).toBe(400);
  });

  it('refuses a mapping to a custom field the tenant lacks or has archived, before reading a row', async () => {
    const archived = await call(app, 'PATCH', '/v1/custom-fields/retired', {
      auth: owner.auth,
      body: { archived: true, version: 1 },
    });
    expect(archived.status).toBe(200);
    const wrong = { externalId: 'customer_id', 'customFields.nope': 'name', 'customFields.retired': 'name' };
    const report = await upload(
      owner,
      `kind=customers&dryRun=true&mapping=${encodeURIComponent(JSON.stringify(wrong))}`,
      'customer_id,name\nX1,Someone',
    );
    expect(report.status).toBe(400);
    expect((report.body.error as { fields: unknown[] }).fields).toEqual([
      { path: 'mapping.customFields.nope', message: 'the tenant has no custom field "nope"' },
      { path: 'mapping.customFields.retired', message: 'the custom field "retired" is archived' },
    ]);
    const transactions = await upload(
      owner,
      `kind=transactions&mapping=${encodeURIComponent(JSON.stringify({ 'customFields.since': 'date' }))}`,
      'customer_id,date,amount\nK1,2026-01-02,1',
    );
    expect(transactions.status).toBe(400);
    expect((transactions.body.error as { fields: unknown[] }).fields).toEqual([
      { path: 'mapping.customFields.since', message: 'custom fields are imported from a customers file' },
    ]);
  });
});

describe('unique custom-field values claimed by an import', () => {
  it('leaves out a customer whose value another customer claimed after the check, and re-claims its own', async () => {
    const owner = await signUpTenant(app, 'Claims Ltd');
    const field = { key: 'vat_number', label: { en: 'VAT number' }, type: 'text', unique: true };
    expect((await call(app, 'POST', '/v1/custom-fields', { auth: owner.auth, body: field })).status).toBe(
      201,
    );
    // Another writer, between the import's read of the claims and its write.
    const rival = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Rival', kind: 'business', customFields: { vat_number: 'VAT-1' } },
    });
    expect(rival.status).toBe(201);
    const repository = new ImportRepository(testTableClient(), owner.tenantId);
    const late = {
      ...testCustomer({ name: 'Late', customFields: { vat_number: 'vat-1' } }),
      externalId: 'L1',
      uniqueValues: [{ key: 'vat_number', value: 'vat-1' }],
    };
    const onTime = {
      ...testCustomer({ name: 'On time', customFields: { vat_number: 'VAT-2' } }),
      externalId: 'L2',
      uniqueValues: [{ key: 'vat_number', value: 'VAT-2' }],
    };

    const { refused } = await repository.putNewCustomers([late, onTime]);

    expect([...refused]).toEqual([late.id]);
    const names = ((await get(owner, '/v1/customers?sort=name&order=asc')).items as { name: string }[]).map(
      (customer) => customer.name,
    );
    expect(names).toEqual(['On time', 'Rival']);
    // A run that died after claiming finds its claims its own when it writes the customer again.
    expect((await repository.putNewCustomers([onTime])).refused.size).toBe(0);
  });
});
