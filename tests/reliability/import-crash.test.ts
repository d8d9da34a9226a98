import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { apiCaller } from './scenarios/api.js';
import { importCrashViolations, runImportCrash } from './scenarios/import-crash.js';

/**
 * Issue 16: DynamoDB Local killed during an import and restarted. A server of the test's own (on
 * disk, own port and folder), SIGKILLed in the middle of the import's second batch (the first, 1,000
 * rows, is 80 BatchWriteItem calls: killed once 86 have completed, mid-way through the second, others in flight). The product's
 * promise (the interrupted job says so): import the file again, nothing is duplicated.
 * The bigger file is `npm run bench -- reliability-import-crash`.
 */
describe('an import whose database is killed under it', () => {
  it('is reported interrupted; the rerun reports exactly which rows had landed and converges with no duplicates', async () => {
    const outcome = await runImportCrash({
      rows: 1_200,
      killAfterBatchWrites: 86,
      log: (message) => console.log(`${new Date().toISOString()} ${message}`),
      makeApi: (table, clock) => {
        const app = createTestApp({ table, clock });
        return apiCaller((path, init) => app.request(path, init));
      },
    });
    expect(importCrashViolations(outcome)).toEqual([]);
    // The kill landed mid-import: part of the file, not all of it and not nothing, had landed.
    expect(outcome.landedBeforeRerun.length).toBeGreaterThan(0);
    expect(outcome.landedBeforeRerun.length).toBeLessThan(outcome.rows);
  }, 300_000);
});
