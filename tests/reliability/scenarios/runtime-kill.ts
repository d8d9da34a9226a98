import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableClient } from '@crm/dynamodb';
import { findFreePort } from '@crm/local';
import { type ApiAnswer, type ApiCall, httpCaller, signUpOwner, type TenantOwner } from './api.js';
import { type RuntimeProcess, startRuntimeProcess } from './runtime-process.js';
import { type AcknowledgedWrites, streamLedgerViolations, untilNoViolations } from './stream-ledger.js';

export type RuntimeKillOutcome = {
  /** The ledger compared with the writes that landed, once the last runtime caught up. */
  violations: string[];
  /** The same comparison a second later: a record applied twice would show by now. */
  violationsLater: string[];
  /** Per kill: did the restarted runtime begin by redelivering the batch the killed one had applied? */
  redeliveredAfterKill: boolean[];
  /** Writes whose answer the kill took; each was looked up after the restart (landed or redone). */
  unanswered: number;
  /** Exit code of the last runtime, stopped with SIGTERM. */
  lastExitCode: number | null;
};

const HELD = '[streams] batch handled';

/**
 * The whole local runtime (`npm start`'s process: API server, stream poller, timers) SIGKILLed
 * `kills` times mid-batch (its reactions have written, its checkpoint has not: CRM_STREAM_HOLD_MS)
 * while a client writes through its HTTP API, and restarted on the same data folder; DynamoDB
 * Local survives. A write whose answer the kill took counts only once the restarted runtime shows
 * it landed (else it is sent again), as a client that saw no answer would do. Nothing is asserted
 * here.
 */
export async function runRuntimeKill(options: {
  endpoint: string;
  table: TableClient;
  customers: number;
  renamesEach: number;
  kills: number;
  settleTimeoutMs: number;
}): Promise<RuntimeKillOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-runtime-kill-'));
  const port = String(await findFreePort());
  const runtimes: RuntimeProcess[] = [];
  const start = async () => {
    const runtime = startRuntimeProcess({
      DYNAMODB_ENDPOINT: options.endpoint,
      TABLE_NAME: options.table.tableName,
      PORT: port,
      CRM_DATA_DIR: dir,
      CRM_STREAM_HOLD_MS: '300',
    });
    runtimes.push(runtime);
    await runtime.next((line) => line.includes('CRM ready at'));
    return runtime;
  };
  const firstRecord = (line: string) => /from (\S+):/.exec(line)?.[1];
  // A batch that carries customers: applied twice, its customers would show it in their history.
  const heldWithCustomers = (line: string) => line.includes(HELD) && /\bcustomer ×/.test(line);
  try {
    let current = await start();
    const api = httpCaller(`http://127.0.0.1:${port}`);
    const owner = await signUpOwner(api);
    const hook = await api('POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'http://127.0.0.1:9/never-called', events: ['customer.*'] },
    });
    if (hook.status !== 201) throw new Error(`webhook create answered ${hook.status}`);
    const client = patientClient(api);

    const writing = writeThroughKills(client, owner, options);
    const redeliveredAfterKill: boolean[] = [];
    for (let kill = 0; kill < options.kills; kill++) {
      const held = firstRecord(await current.next(heldWithCustomers));
      await current.kill();
      current = await start();
      const first = firstRecord(await current.next((line) => line.includes(HELD)));
      redeliveredAfterKill.push(held !== undefined && first === held);
    }
    const writes = await writing;
    const check = () => streamLedgerViolations(options.table, owner, hook.body.id as string, writes);
    const violations = await untilNoViolations(check, options.settleTimeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const violationsLater = await check();
    await current.stop();
    return {
      violations,
      violationsLater,
      redeliveredAfterKill,
      unanswered: client.unanswered(),
      lastExitCode: current.child.exitCode,
    };
  } finally {
    for (const runtime of runtimes) await runtime.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A call the kill may take the answer of: `undefined` then, once the runtime answers again. */
type PatientClient = {
  call: (...args: Parameters<ApiCall>) => Promise<ApiAnswer | undefined>;
  unanswered: () => number;
};

function patientClient(api: ApiCall): PatientClient {
  let unanswered = 0;
  const up = async () => {
    for (;;) {
      try {
        if ((await api('GET', '/health')).status === 200) return;
      } catch {
        // Still down: the next start is on its way.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    call: async (...args) => {
      try {
        return await api(...args);
      } catch {
        unanswered += 1;
        await up();
        return undefined;
      }
    },
    unanswered: () => unanswered,
  };
}

/**
 * One writer, as stream-ledger's `writeCustomers` (customers created, each renamed with versions),
 * through a runtime that is killed and restarted meanwhile. An unanswered create is looked for by
 * its unique name, an unanswered rename by the customer's name now; either is sent again when it
 * did not land. What landed is what the ledger must hold exactly once.
 */
async function writeThroughKills(
  client: PatientClient,
  owner: TenantOwner,
  options: { customers: number; renamesEach: number },
): Promise<AcknowledgedWrites> {
  const written: AcknowledgedWrites['customers'] = [];
  const read = async (id: string) => {
    for (;;) {
      const answer = await client.call('GET', `/v1/customers/${id}`, { auth: owner.auth });
      if (answer?.status === 200) return answer.body as { name: string; version: number };
    }
  };
  for (let index = 0; index < options.customers; index++) {
    const name = `Runtime ${index}`;
    let customer: { id: string; version: number } | undefined;
    while (!customer) {
      const created = await client.call('POST', '/v1/customers', {
        auth: owner.auth,
        body: { name, kind: 'business' },
      });
      if (created?.status === 201)
        customer = { id: created.body.id as string, version: created.body.version as number };
      else if (created === undefined) customer = await findByName(client, owner, name);
      else throw new Error(`customer create answered ${created.status}`);
    }
    let version = customer.version;
    const renames: string[] = [];
    for (let rename = 0; rename < options.renamesEach; rename++) {
      const renamed = `${name} rename ${rename}`;
      for (;;) {
        const answer = await client.call('PATCH', `/v1/customers/${customer.id}`, {
          auth: owner.auth,
          headers: { 'If-Match': String(version) },
          body: { name: renamed },
        });
        if (answer !== undefined && answer.status !== 200)
          throw new Error(`rename answered ${answer.status}`);
        const now = answer?.body ?? (await read(customer.id));
        version = now.version as number;
        if (now.name === renamed) break;
      }
      renames.push(renamed);
    }
    written.push({ id: customer.id, renames });
  }
  return { customers: written };
}

/** The customer of that (unique) name, if the unanswered create landed. */
async function findByName(
  client: PatientClient,
  owner: TenantOwner,
  name: string,
): Promise<{ id: string; version: number } | undefined> {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await client.call('GET', `/v1/customers?limit=200${query}`, { auth: owner.auth });
    if (page === undefined) return findByName(client, owner, name);
    const items = page.body.items as { id: string; name: string; version: number }[];
    const found = items.find((item) => item.name === name);
    if (found) return { id: found.id, version: found.version };
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return undefined;
}
