import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../web/scripts/openapi-document.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** Runs a linter and returns its stdout whatever its exit code (both exit 1 when they find errors). */
async function lint(command: string, args: string[]): Promise<string> {
  try {
    return (await run(bin(command), args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return stdout;
  }
}

type SpectralResult = { code: string; message: string; path: string[]; severity: number };
type RedoclyResult = {
  totals: { errors: number };
  problems: { ruleId: string; message: string; severity: string; location: { pointer: string }[] }[];
};

/** A linter process over a 100-route document: ~7 s alone, several times that on a busy box. */
const LINT_TIMEOUT_MS = 120_000;

describe('the OpenAPI document createApp serves', () => {
  let directory: string;
  let file: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crm-openapi-'));
    file = join(directory, 'openapi.json');
    // As a deployed API serves it: over https, which OWASP's no-server-http requires.
    await writeFile(file, JSON.stringify(await openApiDocument('https://crm-api.test'), null, 2));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it(
    'has no Spectral error under spectral:oas, the OWASP ruleset and .spectral.yaml',
    async () => {
      const output = await lint('spectral', ['lint', '-r', '.spectral.yaml', '-f', 'json', '--quiet', file]);
      const errors = (JSON.parse(output) as SpectralResult[])
        .filter((result) => result.severity === 0)
        .map((result) => `${result.code} at ${result.path.join('.')}: ${result.message}`);
      expect(errors).toEqual([]);
    },
    LINT_TIMEOUT_MS,
  );

  it(
    'has no Redocly error under redocly.yaml',
    async () => {
      const output = await lint('redocly', ['lint', file, '--config', 'redocly.yaml', '--format', 'json']);
      const report = JSON.parse(output.slice(output.indexOf('{'))) as RedoclyResult;
      const errors = report.problems
        .filter((problem) => problem.severity === 'error')
        .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    },
    LINT_TIMEOUT_MS,
  );
});
