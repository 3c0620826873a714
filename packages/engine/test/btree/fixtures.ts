// A database written by SQLite itself (better-sqlite3): a table with an index, rows whose BLOBs
// overflow, and a freelist left by deletes. Returned as a path in a fresh temp dir.

import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function sqliteWrittenDb(pageSize = 1024, rows = 400): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tandem-fixture-')), 'fixture.db');
  const db = new Database(path);
  db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = DELETE');
  db.exec('CREATE TABLE t(a, b); CREATE INDEX i ON t(a);');
  const insert = db.prepare('INSERT INTO t(rowid, a, b) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= rows; i++) {
      const a = i % 3 === 0 ? `text-${i % 50}` : i % 3 === 1 ? i * 7 : i / 4;
      const b = i % 10 === 0 ? Buffer.alloc(pageSize * 2 + i, i & 0xff) : `row ${i}`;
      insert.run(i, a, b);
    }
  })();
  db.exec('DELETE FROM t WHERE rowid % 7 = 0 OR rowid BETWEEN 100 AND 160');
  db.close();
  return path;
}
