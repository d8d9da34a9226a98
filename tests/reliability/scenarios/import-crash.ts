import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTableClient, type TableClient } from '@crm/dynamodb';
import {
  createLocalDynamoDbClient,
  type DynamoDbLocal,
  ensureTable,
  findFreePort,
  startDynamoDbLocal,
} from '@crm/local';
import { type ApiCall, allCustomerNames, signInAgain, signUpOwner } from './api.js';

/** An import's lock outlives a crashed run by this much at most (import.repository.ts). */
const LOCK_TTL_MS = 15 * 60_000;

export type ImportCrashOutcome = {
  rows: number;
  /** The answer to the import DynamoDB died under. */
  crashedStatus: number;
  /** BatchWriteItem calls the import had sent when the JVM was killed. */
  batchWritesBeforeKill: number;
  /** The job as listed once the lock expired: failed, with what it had counted. */
  interruptedJob: Record<string, unknown> | undefined;
  /** Customers present after the restart, before the file is imported again. */
  landedBeforeRerun: string[];
  rerun: Record<string, unknown>;
  rerunStatus: number;
  /** Customers once the rerun finished. */
  afterRerun: string[];
  third: Record<string, unknown>;
};

export const importRowName = (row: number) => `Imported ${String(row).padStart(6, '0')}`;

function customersFile(rows: number): string {
  const lines = ['customer_id,name,kind'];
  for (let row = 0; row < rows; row++) lines.push(`EXT-${row},${importRowName(row)},business`);
  return lines.join('\n');
}

/**
 * A customers import into a DynamoDB Local of its own (on disk, its own port and folder: the shared
 * server serves other suites and must never be killed), SIGKILLed once `killAfterBatchWrites`
 * of the import's BatchWriteItem calls have completed (others in flight), restarted on the same folder and port; then the file is
 * imported again (after the dead run's lock expired: the app's clock jumps past it), and once more.
 * `makeApi` builds the app on the given table client and clock. Nothing is asserted here:
 * `importCrashViolations` judges the outcome.
 */
export async function runImportCrash(options: {
  rows: number;
  /** BatchWriteItem calls that complete before the JVM is killed. */
  killAfterBatchWrites: number;
  makeApi: (table: TableClient, clock: () => Date) => ApiCall;
  log?: (message: string) => void;
}): Promise<ImportCrashOutcome> {
  const log = options.log ?? (() => {});
  // tmpfs where there is one: the SQLite file outlives the killed JVM all the same, and DynamoDB
  // Local on a loaded disk writes a few hundred items a second (STACK.md, "First start").
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'crm-import-crash-'));
  const port = await findFreePort();
  const tableName = 'crm-import-crash';
  let server: DynamoDbLocal | undefined;
  const start = async () => {
    server = await startDynamoDbLocal({ dbPath: join(dir, 'dynamodb'), port, inMemory: false });
    return server;
  };
  try {
    const first = await start();
    const control = createLocalDynamoDbClient({ endpoint: first.endpoint });
    await ensureTable(control, tableName).finally(() => control.destroy());
    const table = createTableClient({ tableName, endpoint: first.endpoint });
    let offsetMs = 0;
    const api = options.makeApi(table, () => new Date(Date.now() + offsetMs));
    let owner = await signUpOwner(api, 'Import crash');

    let batchWrites = 0;
    table.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (/BatchWrite/.test(context.commandName ?? '')) {
          batchWrites += 1;
          // Killed once this call has landed, with the calls sent beside it in flight.
          if (batchWrites === options.killAfterBatchWrites) {
            log(`killing DynamoDB Local (pid ${first.pid}) after ${batchWrites} batch writes`);
            process.kill(first.pid, 'SIGKILL');
          }
        }
        return result;
      },
      { step: 'initialize', name: 'reliabilityKillSwitch' },
    );

    const file = customersFile(options.rows);
    const crashed = await api('POST', '/v1/imports?kind=customers', { auth: owner.auth, csv: file });
    log(`the import answered ${crashed.status}`);
    await first.stop();
    await start();
    log('DynamoDB Local restarted on the same folder');

    // A new run is refused while the dead run's lock lasts; past it, the job reads as interrupted.
    offsetMs = LOCK_TTL_MS + 60_000;
    owner = await signInAgain(api, owner);
    log('signed in again past the lock');
    const jobs = await api('GET', '/v1/imports', { auth: owner.auth });
    const interruptedJob = (jobs.body.items as Record<string, unknown>[] | undefined)?.[0];
    const landedBeforeRerun = await allCustomerNames(api, owner);

    log(`${landedBeforeRerun.length} customers had landed`);
    const rerun = await api('POST', '/v1/imports?kind=customers', { auth: owner.auth, csv: file });
    log(`the rerun answered ${rerun.status}`);
    const afterRerun = await allCustomerNames(api, owner);
    const third = await api('POST', '/v1/imports?kind=customers', { auth: owner.auth, csv: file });
    table.doc.destroy();
    return {
      rows: options.rows,
      crashedStatus: crashed.status,
      batchWritesBeforeKill: options.killAfterBatchWrites,
      interruptedJob,
      landedBeforeRerun,
      rerun: rerun.body,
      rerunStatus: rerun.status,
      afterRerun,
      third: third.body,
    };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What must hold after the crash; one line per broken promise, empty when all hold:
 * - the import DynamoDB died under failed (it did not claim success);
 * - once its lock expired, its job reads as failed and interrupted, having counted no more rows
 *   than landed;
 * - the rerun reports exactly which rows had landed (its `rowsUnchanged` are the customers found
 *   after the restart, its `rowsWritten` the rest) and completes;
 * - afterwards every row is one customer: none missing, none twice; a third run changes nothing.
 */
export function importCrashViolations(outcome: ImportCrashOutcome): string[] {
  const violations: string[] = [];
  if (outcome.crashedStatus < 500) violations.push(`the crashed import answered ${outcome.crashedStatus}`);
  const job = outcome.interruptedJob;
  if (job?.status !== 'failed' || !String(job.error).startsWith('Interrupted'))
    violations.push(`the dead run's job reads ${JSON.stringify(job)}`);
  if (Number(job?.rowsWritten) > outcome.landedBeforeRerun.length)
    violations.push(
      `the dead run counted ${job?.rowsWritten} rows written, ${outcome.landedBeforeRerun.length} landed`,
    );
  if (outcome.rerunStatus !== 201 || outcome.rerun.status !== 'completed')
    violations.push(`the rerun answered ${outcome.rerunStatus} ${JSON.stringify(outcome.rerun)}`);
  if (outcome.rerun.rowsUnchanged !== outcome.landedBeforeRerun.length)
    violations.push(
      `the rerun found ${outcome.rerun.rowsUnchanged} rows already there, ${outcome.landedBeforeRerun.length} customers had landed`,
    );
  if (Number(outcome.rerun.rowsWritten) + Number(outcome.rerun.rowsUnchanged) !== outcome.rows)
    violations.push(
      `the rerun wrote ${outcome.rerun.rowsWritten} and left ${outcome.rerun.rowsUnchanged} of ${outcome.rows}`,
    );
  const counts = new Map<string, number>();
  for (const name of outcome.afterRerun) counts.set(name, (counts.get(name) ?? 0) + 1);
  const twice = [...counts].filter(([, count]) => count > 1).map(([name]) => name);
  if (twice.length > 0)
    violations.push(`${twice.length} rows became two customers, e.g. ${twice.slice(0, 3).join(', ')}`);
  const missing = Array.from({ length: outcome.rows }, (_, row) => importRowName(row)).filter(
    (name) => !counts.has(name),
  );
  if (missing.length > 0)
    violations.push(`${missing.length} rows have no customer, e.g. ${missing.slice(0, 3).join(', ')}`);
  if (outcome.afterRerun.length !== outcome.rows)
    violations.push(`${outcome.afterRerun.length} customers for ${outcome.rows} rows`);
  if (outcome.third.rowsWritten !== 0 || outcome.third.rowsUnchanged !== outcome.rows)
    violations.push(`a third run wrote ${outcome.third.rowsWritten}, left ${outcome.third.rowsUnchanged}`);
  return violations;
}
