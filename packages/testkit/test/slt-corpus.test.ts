// The sqllogictest runner passes 100% of the corpus with better-sqlite3 as the engine: this proves
// the runner (parsing, rendering, sorting, hashing) before it is pointed at Tandem. The whole corpus
// takes about 10 seconds, so it runs in full by default.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corporaOrSkipNotice } from '../src/corpora.js';
import { openSqlite } from '../src/driver.js';
import { collectFiles, runSltFile } from '../src/slt/files.js';

const corpora = corporaOrSkipNotice('sqllogictest corpus');
const files = corpora ? collectFiles([join(corpora, 'sqllogictest')], '.test') : [];

// Recorded on the 29-file corpus with SQLite 3.53.2: a drop means records stopped being checked.
const EXPECTED = { files: 29, passed: 129516, skipped: 14163 };

describe.skipIf(!corpora)('sqllogictest corpus on better-sqlite3', () => {
  const totals = { passed: 0, failed: 0, skipped: 0 };

  for (const file of files) {
    it(file.slice(corpora!.length + 1), () => {
      const result = runSltFile(file, openSqlite);
      totals.passed += result.passed;
      totals.failed += result.failed;
      totals.skipped += result.skipped;
      expect(result.failures.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      expect(result.passed).toBeGreaterThan(0);
    }, 300_000);
  }

  it('covers the whole corpus', () => {
    expect(files.length).toBe(EXPECTED.files);
    expect(totals).toEqual({ passed: EXPECTED.passed, failed: 0, skipped: EXPECTED.skipped });
  });
});
