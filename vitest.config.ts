import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

// Offline tests (pure domain, analytics, routes via app.request(), CDK templates) run apart from
// connected ones (DynamoDB Local, real repositories, the real stream poller), which share one
// DynamoDB Local server started by the global setup and isolate themselves by tenant.
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // `vitest run` uses cores − 1 workers: ONE on CI's 2 cores. Two workers for everything: no faster
    // for unit (85 vs 87 s) and CPU-heavy tests (bundling, cfn-guard) timed out on a loaded machine.
    // Two for the integration project alone (below): CI 799 → 612 s for the whole vitest run
    // (2026-12-03, ci-s51 vs ci-s52), once settle() waited for its own writes to be handled rather than
    // for the shared table to fall idle (another file's writes kept it busy past its timeout).
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'functions/**/*.test.ts',
            'infra/test/**/*.test.ts',
            'web/scripts/**/*.test.ts',
            'tests/contract/**/*.test.ts',
          ],
          environment: 'node',
          // Files share a worker's module graph instead of each re-importing the whole app (the
          // import phase was a quarter of the run); nothing here keeps state between files.
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'tests/integration/**/*.test.ts',
            'tests/security/**/*.test.ts',
            // Fault suites (issue 16): the fast sizes; `npm run bench -- reliability` the full ones.
            'tests/reliability/**/*.test.ts',
          ],
          environment: 'node',
          globalSetup: ['tests/setup/dynamodb-local.global-setup.ts'],
          // As for unit: every file works on tenants, tables and clocks of its own, so it can share
          // the worker's loaded modules (the web project cannot: its DOM is per file).
          isolate: false,
          // Two files at once: they wait on pollers, timers and receivers more than they compute (the
          // CPU was 30–45 % idle with one). A project's own maxWorkers needs its own groupOrder; the
          // group runs after the others, as one worker ran it anyway.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
      {
        // The SPA: components in jsdom (its build scripts' tests, in node, are unit tests).
        plugins: [solid()],
        resolve: { conditions: ['development', 'browser'] },
        test: {
          name: 'web',
          // Solid libraries ship JSX sources: let vite transform them instead of Node importing them.
          server: {
            deps: {
              inline: [
                /solid-js/,
                /@solidjs\//,
                /@kobalte\//,
                /@solid-primitives\//,
                /@tanstack\/solid-virtual/,
              ],
            },
          },
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['web/src/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The product in Debian's chromium (playwright-core): the built SPA on the real local runtime.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/setup/local-runtime.global-setup.ts'],
          testTimeout: 30_000,
          // The stream and the charts answer in a second alone, but CI shares 2 cores with DynamoDB
          // Local and the runtime: a poll waits for what the user would wait for, not 1 s.
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 180_000,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
    ],
  },
});
