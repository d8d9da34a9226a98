#!/usr/bin/env node
// `npm start`: builds the SPA when it is missing or older than its sources, then runs the local
// runtime (packages/local/src/main.ts) under tsx, forwarding Ctrl-C / SIGTERM to it. Settings are
// environment variables, documented in docs/local-runtime.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const startedAt = performance.now();

/** Newest modification time (ms) under `path`, files only; 0 when it does not exist. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function webBuildIsStale() {
  const built = join(root, 'web', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map(
    (name) => newestMtime(join(root, 'web', name)),
  );
  return Math.max(...sources) > statSync(built).mtimeMs;
}

if (process.env.CRM_SKIP_WEB_BUILD !== '1' && webBuildIsStale()) {
  console.log('building the web app (web/dist is missing or stale)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build', '--workspace', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('the web build failed; fix it, or set CRM_SKIP_WEB_BUILD=1 to serve the API only');
    process.exit(build.status ?? 1);
  }
  console.log(`web app built in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/local/src/main.ts')], {
  cwd: root,
  // The IPC channel lets the runtime notice if this process dies without a signal.
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: {
    ...process.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CRM_START_TIME: String(Date.now() - Math.round(performance.now() - startedAt)),
  },
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // The runtime stops its server, poller and JVM, then exits; we exit with it.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

// `npm start` runs us under `sh -c`; when npm is killed, sh dies without passing the signal on and
// we are re-parented. Notice that and stop the runtime rather than leave it running unowned.
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid !== launcher && child.exitCode === null && child.signalCode === null)
    child.kill('SIGTERM');
}, 500).unref();

child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + 2 : 1));
});
