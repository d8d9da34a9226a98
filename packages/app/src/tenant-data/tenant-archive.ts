import { customerCsvColumns, customerCsvRow, TENANT_EXPORT_SCHEMA_VERSION } from '@crm/domain';
import { fromItem, storageAttributesOf } from '@crm/dynamodb';
import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate } from 'fflate';

type Item = Record<string, unknown>;

/**
 * Items that are credentials or the machinery of a running job, not the tenant's data: a login's
 * refresh-token family, webhook signing secrets, locks, request buckets, the exports themselves and
 * the KPI customer figures snapshot (a copy of what the customers hold).
 */
export const omittedEntityTypes: readonly string[] = [
  'session',
  'webhookSecrets',
  'importLock',
  'refitLock',
  'tenantExport',
  'requestBucket',
  // Derived from the customers, which the archive holds (docs/kpis.md).
  'kpiSnapshotHead',
  'kpiSnapshotChunk',
];

/** Fields that hold a hash of a secret: never part of an archive a person downloads. */
const omittedFields: readonly string[] = ['secretHash', 'currentHash', 'downloadTokenHash', 'archiveKey'];

/** The columns of customers.csv: the customer book's CSV export's, and when one was archived. */
export const archiveCustomerCsvColumns = [...customerCsvColumns, 'archivedAt'] as const;

const encoder = new TextEncoder();

const README = `# Your CRM data

This archive holds every record of your business (tenant) in the CRM at the time it was made.

- data/<entityType>.jsonl: one JSON object per line, one file per kind of record (customer,
  interaction, contact, complaint, user, …). The objects are the records as the API returns them,
  without the storage keys (pk, sk, gsi*pk/sk), which only say where the record was kept.
- customers.csv: the customers as a spreadsheet (UTF-8 with BOM; cells that would run as a formula
  start with an apostrophe).
- keys/<entityType>.jsonl: line for line with data/<entityType>.jsonl, where each record was kept
  (its storage keys and index keys). Only a restore into the CRM reads them; you can ignore them.
- manifest.json: the schema version, when the archive was made and how many records each file holds.

Not included: login sessions, webhook signing secrets, hashes of API key secrets, and the
housekeeping of running jobs (locks, this export). Passwords are never stored in a readable form and
are not included either.
`;

/**
 * Builds the export archive (a ZIP, with fflate) from the tenant's items as they are read: one
 * JSON Lines file per entity type, customers.csv, manifest.json and README.md. Files are deflated
 * while the items stream in; only compressed bytes are held.
 */
export class TenantArchiveWriter {
  private readonly zip: Zip;
  private readonly chunks: Uint8Array[] = [];
  private readonly files = new Map<string, ZipDeflate>();
  private readonly counts = new Map<string, number>();
  private readonly csv: ZipDeflate;
  private failure: Error | undefined;
  private done: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor() {
    this.finished = new Promise((resolve) => {
      this.done = resolve;
    });
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure = error;
      else this.chunks.push(chunk);
      if (final || error) this.done?.();
    });
    this.csv = this.file('customers.csv');
    // The header line on its own (csv-stringify writes none for an empty record list).
    this.csv.push(encoder.encode(stringify([[...archiveCustomerCsvColumns]], { bom: true })));
  }

  private file(path: string): ZipDeflate {
    let file = this.files.get(path);
    if (!file) {
      file = new ZipDeflate(path, { level: 6 });
      this.zip.add(file);
      this.files.set(path, file);
    }
    return file;
  }

  /** Adds one stored item; false when it is not part of an archive (credentials, job machinery). */
  add(item: Item): boolean {
    const entityType = String(item.entityType ?? 'unknown');
    if (omittedEntityTypes.includes(entityType)) return false;
    const record = fromItem<Item>(item);
    for (const field of omittedFields) delete record[field];
    this.file(`data/${entityType}.jsonl`).push(encoder.encode(`${JSON.stringify(record)}\n`));
    // Line for line with the data file: a restore puts each record back under the same keys
    // (indexes included), which keeps the person-facing records free of storage attributes.
    this.file(`keys/${entityType}.jsonl`).push(
      encoder.encode(`${JSON.stringify(storageAttributesOf(item))}\n`),
    );
    this.counts.set(entityType, (this.counts.get(entityType) ?? 0) + 1);
    if (entityType === 'customer') this.addCustomerRow(record);
    return true;
  }

  private addCustomerRow(customer: Item) {
    this.csv.push(
      encoder.encode(
        stringify([customerCsvRow(customer)], {
          columns: [...archiveCustomerCsvColumns],
          escape_formulas: true,
        }),
      ),
    );
  }

  /** Items per entity type so far. */
  countsByEntityType(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Closes every file, writes the manifest and README, and returns the archive's bytes. */
  async finish(input: { tenantId: string; tenantName: string; createdAt: string }): Promise<Uint8Array> {
    const counts = this.countsByEntityType();
    const manifest = {
      schemaVersion: TENANT_EXPORT_SCHEMA_VERSION,
      tenant: { id: input.tenantId, name: input.tenantName },
      createdAt: input.createdAt,
      files: [
        ...Object.entries(counts).map(([entityType, count]) => ({
          path: `data/${entityType}.jsonl`,
          keysPath: `keys/${entityType}.jsonl`,
          entityType,
          count,
        })),
        { path: 'customers.csv', entityType: 'customer', count: counts.customer ?? 0 },
      ],
      counts,
      omittedEntityTypes,
      omittedFields,
    };
    for (const file of this.files.values()) file.push(new Uint8Array(0), true);
    const manifestFile = new ZipDeflate('manifest.json');
    this.zip.add(manifestFile);
    manifestFile.push(encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
    const readme = new ZipDeflate('README.md');
    this.zip.add(readme);
    readme.push(encoder.encode(README), true);
    this.zip.end();
    await this.finished;
    if (this.failure) throw this.failure;
    const size = this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }
}
