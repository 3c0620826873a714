#!/usr/bin/env node
// tandem-fuzzdata [--engine sqlite|tandem] [--every K] [--limit N] [--random SEEDS] [--no-corpus]
//                 [--jobs N] [--timeout SECONDS] [--known-failures FILE] [--write-failures FILE]
//                 [--only id,id...] [--verbose]
// The differential fuzzer: runs SQLite's fuzz scripts (sqlite-fuzzdata/fuzzdata*.db) and seeded
// random schemas/data/queries on the engine and on better-sqlite3, statement by statement, each case
// in fresh :memory: databases and in a worker thread with a per-case timeout. A case fails on any
// difference in error-or-not, rows or storage types, on a crash, or on a hang (see
// src/fuzzdata/compare.ts for the exact rules). Prints one line per failure and a final
// "N passed, N failed". With --known-failures, listed cases may fail, and listed cases that pass count
// as failures (the list may only shrink). --engine sqlite compares better-sqlite3 with itself.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findCorpora } from '../corpora.js';
import { selectCases, runFuzzSession } from '../fuzzdata/session.js';
import { parseKnownFailures } from '../sqltest/known-failures.js';
import { parseArgs } from './args.js';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['--every', '--limit', '--random', '--jobs', '--timeout', '--known-failures', '--write-failures', '--only']);
  const corpora = findCorpora();
  const corpus = args.options.has('--no-corpus') ? null : corpora ? join(corpora, 'sqlite-fuzzdata') : null;
  if (!corpus && !args.options.has('--no-corpus')) console.log('sqlite-fuzzdata not found (set TANDEM_CORPORA): running random cases only');
  const cases = selectCases({
    corpus,
    every: Number(args.options.get('--every') ?? 1),
    limit: Number(args.options.get('--limit') ?? Infinity),
    randomSeeds: Number(args.options.get('--random') ?? 0),
    only: args.options.get('--only')?.split(',').filter(Boolean),
  });
  const scratchParent = process.cwd();
  const writeOption = args.options.get('--write-failures');
  const knownOption = args.options.get('--known-failures');
  const knownFile = knownOption ? resolve(knownOption) : undefined;
  const known = knownFile ? parseKnownFailures(readFileSync(knownFile, 'utf8')) : new Map<string, string>();
  const verbose = args.options.has('--verbose');
  // Scripts may ATTACH or VACUUM INTO files named relative to the working directory: keep those in
  // a scratch folder (workers share the process's directory), removed at the end.
  const scratch = mkdtempSync(join(tmpdir(), 'tandem-fuzz-'));
  process.chdir(scratch);
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const timeoutMs = Number(args.options.get('--timeout') ?? 30) * 1000;
  console.log(`${cases.length} cases on ${args.engine} vs better-sqlite3, ${args.options.get('--jobs') ?? 1} job(s), ${timeoutMs / 1000}s per case`);

  const summary = await runFuzzSession(cases, {
    engine: args.engine,
    corpus,
    jobs: Number(args.options.get('--jobs') ?? 1),
    timeoutMs,
    known,
    onCase: (o) => {
      if (!o.kind || (known.has(o.id) && !verbose)) return;
      console.log(`${known.has(o.id) ? 'KNOWN' : 'FAIL'} ${o.id} [${o.kind}]\n    ${o.reason}`);
    },
  });

  const t = summary.tally;
  const kinds = Object.entries(summary.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`divergent cases by kind: ${kinds || 'none'}`);
  if (knownFile) {
    console.log(`${t.knownFailed} known divergences (listed in ${knownFile})`);
    for (const id of t.fixed) console.log(`NOW PASSING (remove from the list): ${id}`);
    for (const id of summary.unstablePasses) console.log(`passed this time, not reproducibly (random() or timing; check before removing): ${id}`);
    for (const id of t.stale) console.log(`NOT RUN (remove from the list): ${id}`);
  }
  const writeTo = writeOption ? resolve(scratchParent, writeOption) : undefined;
  if (writeTo) {
    const lines = summary.outcomes
      .filter((o) => o.kind)
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
      .map((o) => `${o.id} # ${known.get(o.id) ?? `[${o.kind}] ${o.reason.split('\n')[0]!.replace(/\s+/g, ' ').slice(0, 200)}`}`);
    writeFileSync(writeTo, lines.join('\n') + '\n');
  }
  console.log(`total time ${(summary.milliseconds / 1000).toFixed(1)}s`);
  const failed = t.failed + t.fixed.length + t.stale.length;
  console.log(`${t.passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  },
);
