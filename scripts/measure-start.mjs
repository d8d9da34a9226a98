#!/usr/bin/env node
// Measures `npm start` from launch to the first `GET /health` 200, with a fresh CRM_DATA_DIR
// (cold) and again on the same folder (restart), then stops it like Ctrl-C does and checks that
// no DynamoDB Local JVM is left behind. Usage: node scripts/measure-start.mjs [runs=3]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 3);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Java processes serving this data folder (only ours: the folder is a fresh temp dir). */
function jvmsFor(dataDir) {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(dataDir));
}

async function startOnce(dataDir) {
  const port = await freePort();
  const started = performance.now();
  // Own process group, so the stop below reaches npm, start.mjs and the runtime like a Ctrl-C.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      CRM_DATA_DIR: dataDir,
      CRM_SEED: 'none',
      CRM_SKIP_WEB_BUILD: '1',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let healthyMs;
  while (performance.now() - started < 60_000) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) {
        healthyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.kill(-child.pid, 'SIGINT');
  await exited;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const leftovers = jvmsFor(dataDir);
  if (healthyMs === undefined) throw new Error(`not healthy within 60 s:\n${output}`);
  return { healthyMs, leftovers };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cold = [];
const restart = [];
let orphans = 0;
for (let index = 0; index < runs; index++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-start-'));
  try {
    const first = await startOnce(dataDir);
    const second = await startOnce(dataDir);
    cold.push(first.healthyMs);
    restart.push(second.healthyMs);
    orphans += first.leftovers.length + second.leftovers.length;
    console.log(
      `run ${index + 1}: cold ${first.healthyMs.toFixed(0)} ms, restart ${second.healthyMs.toFixed(0)} ms`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(
  `npm start → /health 200: cold median ${median(cold).toFixed(0)} ms, restart median ${median(restart).toFixed(0)} ms ` +
    `(${runs} runs); JVMs left after Ctrl-C: ${orphans}`,
);
if (orphans > 0) process.exit(1);
