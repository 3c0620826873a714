#!/usr/bin/env node
// tandem-slt [--engine sqlite|tandem] [--jobs N] [--timeout SECONDS] [--verbose] files-or-dirs...
// Runs sqllogictest files; prints one line per file and a final "N passed, N failed, N skipped".
// With --jobs or --timeout, files run in worker threads and a file that overruns is failed.

import { relative } from 'node:path';
import { driverFactory } from '../driver.js';
import { collectFiles, runSltFile, type SltFileResult } from '../slt/files.js';
import { parseArgs } from './args.js';
import { runInWorkers, type JobOutcome } from './pool.js';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['--jobs', '--timeout']);
  if (args.paths.length === 0) {
    console.error('usage: tandem-slt [--engine sqlite|tandem] [--jobs N] [--timeout SECONDS] [--verbose] files-or-directories...');
    return 2;
  }
  const verbose = args.options.has('--verbose');
  const jobs = Number(args.options.get('--jobs') ?? 1);
  const timeoutMs = Number(args.options.get('--timeout') ?? 0) * 1000;
  const files = collectFiles(args.paths, '.test');
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const started = performance.now();

  const report = (file: string, outcome: JobOutcome<SltFileResult>): void => {
    const name = relative(process.cwd(), file);
    if (!('result' in outcome)) {
      // A crash or a timeout fails the file; the run continues with the next one.
      totals.failed++;
      console.log('timeout' in outcome ? `TIMEOUT ${name}: over ${timeoutMs / 1000}s` : `CRASH ${name}: ${outcome.error}`);
      return;
    }
    const result = outcome.result;
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
    const status = result.failed === 0 ? 'PASS' : 'FAIL';
    console.log(`${status} ${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${(result.milliseconds / 1000).toFixed(1)}s)`);
    for (const failure of result.failures.slice(0, verbose ? undefined : 5)) {
      console.log(`  ${name}:${failure.line}: ${failure.message}${verbose ? `\n    ${failure.sql}` : ''}`);
    }
  };

  if (jobs > 1 || timeoutMs > 0) {
    await runInWorkers<SltFileResult>('slt', files, { jobs, timeoutMs, setup: { engine: args.engine, root: null, crossCheckIntegrity: false } }, report);
  } else {
    const open = await driverFactory(args.engine);
    for (const file of files) {
      let outcome: JobOutcome<SltFileResult>;
      try {
        outcome = { result: runSltFile(file, open, { engine: 'sqlite' }) };
      } catch (error) {
        outcome = { error: (error as Error).stack ?? String(error) };
      }
      report(file, outcome);
    }
  }
  console.log(`total time ${((performance.now() - started) / 1000).toFixed(1)}s`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
