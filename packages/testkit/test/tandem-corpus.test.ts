// The corpora against Tandem itself, from the engine's source tree (not its build). Opt-in while the
// engine is being written: TANDEM_ENGINE=tandem npx vitest run test/tandem-corpus.test.ts
// The .sqltest part is a ratchet: every failure must be listed in known-failures/tandem.txt (create
// it with `node dist/cli/sqltest.js --engine tandem --write-failures known-failures/tandem.txt`),
// and listed tests that pass must be removed. Tests in known-failures/tandem-hangs.txt are not run.
// The sqllogictest part prints per-file counts (TANDEM_SLT=0 leaves it out).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corporaOrSkipNotice } from '../src/corpora.js';
import { CompatDriver, type DriverFactory } from '../src/driver.js';
import { collectFiles, runSltFile } from '../src/slt/files.js';
import { parseKnownFailures, tally } from '../src/sqltest/known-failures.js';
import { SqlTestRunner, type SqlTestCaseResult } from '../src/sqltest/run.js';

const enabled = process.env.TANDEM_ENGINE === 'tandem';
const corpora = enabled ? corporaOrSkipNotice('Tandem corpus run') : null;
const KNOWN = new URL('../known-failures/tandem.txt', import.meta.url);
// Tests that hang Tandem (they cannot be interrupted in-process): not run at all.
const HANGS = new URL('../known-failures/tandem-hangs.txt', import.meta.url);

async function tandemFactory(): Promise<DriverFactory> {
  const engineEntry = '../../engine/src/index.js';
  const module = (await import(/* @vite-ignore */ engineEntry)) as { default: new (path: string, options?: object) => never };
  return (options) => new CompatDriver('tandem', new module.default(options.path ?? ':memory:', options.readonly ? { readonly: true, fileMustExist: true } : {}));
}

describe.skipIf(!corpora)('corpora on Tandem (TANDEM_ENGINE=tandem)', () => {
  it.skipIf(process.env.TANDEM_SLT === '0')('sqllogictest: per-file counts', async () => {
    const open = await tandemFactory();
    const lines: string[] = [];
    for (const file of collectFiles([join(corpora!, 'sqllogictest')], '.test')) {
      process.stderr.write(`[tandem slt] ${file.slice(corpora!.length + 1)}\n`);
      try {
        const r = runSltFile(file, open);
        lines.push(`${file.slice(corpora!.length + 1)}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
      } catch (error) {
        lines.push(`${file.slice(corpora!.length + 1)}: CRASH ${(error as Error).message}`);
      }
    }
    console.log(lines.join('\n'));
  }, 1_800_000);

  it('.sqltest: no failure outside known-failures/tandem.txt, no listed test passing', async () => {
    const root = join(corpora!, 'turso-sqltest');
    const skip = existsSync(HANGS) ? parseKnownFailures(readFileSync(HANGS, 'utf8')) : undefined;
    const runner = new SqlTestRunner({ open: await tandemFactory(), root, skip });
    const results: SqlTestCaseResult[] = [];
    try {
      for (const file of collectFiles([join(root, 'sqlite-sqltests')], '.sqltest')) {
        // Written at once (not buffered by vitest) so a hang shows which file it is in.
        process.stderr.write(`[tandem .sqltest] ${file.slice(root.length + 1)}\n`);
        results.push(...runner.runFile(file).results);
      }
    } finally {
      runner.dispose();
    }
    const known = existsSync(KNOWN) ? parseKnownFailures(readFileSync(KNOWN, 'utf8')) : new Map<string, string>();
    const t = tally(results, known);
    console.log(`.sqltest on Tandem: ${t.passed} passed, ${t.failed} unexpected failures, ${t.knownFailed} known, ${t.skipped} skipped`);
    expect(t.unexpected.slice(0, 50).map((r) => `${r.id}: ${(r.reason ?? '').split('\n')[0]}`)).toEqual([]);
    expect(t.fixed).toEqual([]);
  }, 1_800_000);
});
