// Regression check of the .sqltest runner on the whole turso-sqltest corpus with better-sqlite3
// (SQLite 3.53) as the engine: the pass count is recorded, every failure is in the known-failures
// list (version differences from the 3.50 CLI the expectations were made with, and features
// better-sqlite3's build lacks), and the list holds no test that passes or no longer runs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corporaOrSkipNotice } from '../src/corpora.js';
import { openSqlite } from '../src/driver.js';
import { collectFiles } from '../src/slt/files.js';
import { parseKnownFailures, tally } from '../src/sqltest/known-failures.js';
import { SqlTestRunner, type SqlTestCaseResult } from '../src/sqltest/run.js';

const corpora = corporaOrSkipNotice('.sqltest corpus');
const KNOWN = new URL('../known-failures/sqlite-3.53.txt', import.meta.url);

// Recorded with better-sqlite3 12.x (SQLite 3.53.2) on the 228-file corpus.
const EXPECTED = { files: 228, passed: 8005, knownFailed: 100, skipped: 497, differential: 622 };

describe.skipIf(!corpora)('.sqltest corpus on better-sqlite3', () => {
  it('passes everything but the listed known failures, with the recorded counts', () => {
    const root = join(corpora!, 'turso-sqltest');
    const files = collectFiles([join(root, 'sqlite-sqltests')], '.sqltest');
    const runner = new SqlTestRunner({ open: openSqlite, root });
    const results: SqlTestCaseResult[] = [];
    const parseErrors: string[] = [];
    try {
      for (const file of files) {
        const r = runner.runFile(file);
        if (r.parseError) parseErrors.push(`${r.file}: ${r.parseError}`);
        results.push(...r.results);
      }
    } finally {
      runner.dispose();
    }
    const t = tally(results, parseKnownFailures(readFileSync(KNOWN, 'utf8')));
    expect(parseErrors).toEqual([]);
    expect(t.unexpected.map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    expect(t.fixed).toEqual([]);
    expect(t.stale).toEqual([]);
    expect({
      files: files.length,
      passed: t.passed,
      knownFailed: t.knownFailed,
      skipped: t.skipped,
      differential: results.filter((r) => r.differential).length,
    }).toEqual(EXPECTED);
  }, 300_000);
});
