// Two connections to one file: WAL snapshots (readers see committed data only, and are not blocked
// by a writer), one writer at a time, and the busy timeout ending in SQLITE_BUSY "database is locked".

import { join } from 'node:path';
import { describeDifferential } from './support/differential.js';

describeDifferential('two connections to one file', {
  'snapshots, the write lock and the busy timeout': (Database, probe, dir) => {
    const file = join(dir, 'shared.db');
    const a = new Database(file, { timeout: 50 });
    probe('wal', () => a.pragma('journal_mode = WAL', { simple: true }));
    a.exec('CREATE TABLE t(v); INSERT INTO t VALUES (1)');
    const b = new Database(file, { timeout: 50 });
    const count = (db: typeof a) => db.prepare('SELECT count(*) FROM t').pluck().get();
    probe('b sees committed row', () => count(b));
    probe('a begins a write', () => a.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (2)') && a.inTransaction);
    probe('a sees its own write', () => count(a));
    probe('b does not see uncommitted write', () => count(b));
    probe('b cannot write while a holds the lock', () => b.prepare('INSERT INTO t VALUES (3)').run());
    probe('b cannot BEGIN IMMEDIATE either', () => b.exec('BEGIN IMMEDIATE'));
    probe('b still idle', () => b.inTransaction);
    probe('a commits', () => a.exec('COMMIT') && a.inTransaction);
    probe('b sees the commit', () => count(b));
    probe('b writes now', () => b.prepare('INSERT INTO t VALUES (3)').run().changes);
    probe('a sees it', () => count(a));
    probe('read transaction keeps its snapshot', () => {
      b.exec('BEGIN');
      const before = count(b);
      a.prepare('INSERT INTO t VALUES (4)').run();
      const during = count(b);
      b.exec('COMMIT');
      return [before, during, count(b)];
    });
    a.close();
    b.close();
  },
});
