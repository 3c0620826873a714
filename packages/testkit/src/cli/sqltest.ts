#!/usr/bin/env node
// tandem-sqltest [--engine sqlite|tandem] [--known-failures FILE] [--write-failures FILE] [--integrity]
//                [--skip FILE] [--jobs N] [--timeout SECONDS] [--root DIR] [--verbose] [paths...]
// Runs .sqltest files (default: the whole turso-sqltest corpus); prints one line per file and a
// final "N passed, N failed, N skipped". With --known-failures, listed failures are tolerated and
// listed tests that pass (or no longer run) count as failures: the list may only shrink.
// --integrity honours @cross-check-integrity (file database, then better-sqlite3's integrity_check).
// With --jobs or --timeout, files run in worker threads and a file that overruns is failed.
// --skip FILE (known-failures format) lists tests not to run at all, e.g. tests that hang the engine.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCorpora } from '../corpora.js';
import { driverFactory } from '../driver.js';
import { collectFiles } from '../slt/files.js';
import { formatKnownFailures, parseKnownFailures, tally } from '../sqltest/known-failures.js';
import { SqlTestRunner, type SqlTestCaseResult, type SqlTestFileResult } from '../sqltest/run.js';
import { parseArgs } from './args.js';
import { runInWorkers, type JobOutcome } from './pool.js';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['--known-failures', '--write-failures', '--root', '--jobs', '--timeout', '--skip']);
  const corpora = findCorpora();
  const root = args.options.get('--root') ?? (corpora ? join(corpora, 'turso-sqltest') : null);
  if (!root) {
    console.error('corpora not found: pass --root <turso-sqltest folder> or set TANDEM_CORPORA');
    return 2;
  }
  const paths = args.paths.length > 0 ? args.paths : [join(root, 'sqlite-sqltests')];
  const verbose = args.options.has('--verbose');
  const crossCheckIntegrity = args.options.has('--integrity');
  const jobs = Number(args.options.get('--jobs') ?? 1);
  const timeoutMs = Number(args.options.get('--timeout') ?? 0) * 1000;
  const knownFile = args.options.get('--known-failures');
  const known = knownFile ? parseKnownFailures(readFileSync(knownFile, 'utf8')) : new Map<string, string>();
  const skipFile = args.options.get('--skip');
  const skip = skipFile ? parseKnownFailures(readFileSync(skipFile, 'utf8')) : undefined;
  const files = collectFiles(paths, '.sqltest');
  const all: SqlTestCaseResult[] = [];
  const started = performance.now();

  const report = (file: string, outcome: JobOutcome<SqlTestFileResult>): void => {
    if (!('result' in outcome)) {
      const why = 'timeout' in outcome ? `over ${timeoutMs / 1000}s` : outcome.error;
      console.log(`${'timeout' in outcome ? 'TIMEOUT' : 'CRASH'} ${file}: ${why}`);
      all.push({ id: `${file}:(file)`, outcome: 'failed', reason: why });
      return;
    }
    const result = outcome.result;
    if (result.parseError) {
      console.log(`FAIL ${result.file}: cannot parse: ${result.parseError}`);
      all.push({ id: `${result.file}:(parse)`, outcome: 'failed', reason: result.parseError });
      return;
    }
    all.push(...result.results);
    const t = tally(result.results, known);
    const status = t.failed === 0 && t.fixed.length === 0 ? 'PASS' : 'FAIL';
    const knownNote = t.knownFailed > 0 ? `, ${t.knownFailed} known failures` : '';
    console.log(`${status} ${result.file}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${knownNote} (${(result.milliseconds / 1000).toFixed(1)}s)`);
    for (const failure of t.unexpected.slice(0, verbose ? undefined : 3)) {
      const reason = verbose ? failure.reason : (failure.reason ?? '').split('\n').slice(0, 6).join('\n    ');
      console.log(`  ${failure.id}${failure.differential ? ' (vs better-sqlite3)' : ''}: ${reason}`);
    }
  };

  if (jobs > 1 || timeoutMs > 0) {
    await runInWorkers<SqlTestFileResult>('sqltest', files, { jobs, timeoutMs, setup: { engine: args.engine, root, crossCheckIntegrity, skipFile: skipFile ?? null } }, report);
  } else {
    const runner = new SqlTestRunner({ open: await driverFactory(args.engine), root, crossCheckIntegrity, skip });
    try {
      for (const file of files) report(file, { result: runner.runFile(file) });
    } finally {
      runner.dispose();
    }
  }

  const t = tally(all, known);
  const differential = all.filter((r) => r.differential).length;
  if (differential > 0) console.log(`${differential} tests on the :default: stand-in databases were checked against better-sqlite3`);
  if (knownFile) {
    console.log(`${t.knownFailed} known failures (listed in ${knownFile})`);
    for (const id of t.fixed) console.log(`NOW PASSING (remove from the list): ${id}`);
    for (const id of t.stale) console.log(`NOT RUN (remove from the list): ${id}`);
  }
  const writeTo = args.options.get('--write-failures');
  if (writeTo) writeFileSync(writeTo, formatKnownFailures(all.filter((r) => r.outcome === 'failed')));
  console.log(`total time ${((performance.now() - started) / 1000).toFixed(1)}s`);
  const failed = t.failed + t.fixed.length + t.stale.length;
  console.log(`${t.passed} passed, ${failed} failed, ${t.skipped} skipped`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  },
);
