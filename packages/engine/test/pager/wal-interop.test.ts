// WAL interoperability with SQLite: a WAL written by the Pager and left un-checkpointed is
// recovered by SQLite (integrity_check ok, rows visible), and a WAL written by SQLite is
// recovered by the Pager (page images equal to SQLite's own checkpointed file).

import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVfs } from '../../src/os/node-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import type { WriteTransaction } from '../../src/pager/types.js';
import { copyFiles, encodeRecord, schemaRow, tempDir, writeTableLeaf } from './helpers.js';

function inWrite(pager: Pager, body: (write: WriteTransaction) => void): void {
  const read = pager.beginRead();
  const write = pager.tryBeginWrite(read)!;
  body(write);
  write.commit();
  read.end();
}

function rows(count: number, offset: number): Array<[number, Uint8Array]> {
  return Array.from({ length: count }, (_, i) => [i + 1, encodeRecord([offset + i, `row ${offset + i}`])] as [number, Uint8Array]);
}

describe('WAL interoperability with SQLite', () => {
  for (const pageSize of [1024, 4096, 65536]) {
    it(`SQLite recovers a WAL the Pager wrote and left un-checkpointed (page size ${pageSize})`, () => {
      const dir = tempDir('ours');
      const file = path.join(dir, 'ours.db');
      const pager = Pager.open(nodeVfs(), file);
      pager.setPageSize(pageSize);
      // Transaction 1: the schema (table a at page 2), transaction 2: rows in a, transaction 3:
      // table b at page 3 with rows, transaction 4: rows of a replaced.
      inWrite(pager, (w) => {
        writeTableLeaf(w.getWritable(1), 100, [[1, schemaRow('a', 2)]]);
        writeTableLeaf(w.getWritable(w.appendPage()), 0, []);
      });
      inWrite(pager, (w) => writeTableLeaf(w.getWritable(2), 0, rows(5, 0)));
      inWrite(pager, (w) => {
        writeTableLeaf(w.getWritable(1), 100, [[1, schemaRow('a', 2)], [2, schemaRow('b', 3)]]);
        writeTableLeaf(w.getWritable(w.appendPage()), 0, rows(3, 100));
      });
      inWrite(pager, (w) => writeTableLeaf(w.getWritable(2), 0, rows(4, 50)));
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(fs.statSync(file).size).toBe(pageSize);
      const copy = path.join(dir, 'copy.db');
      copyFiles(file, copy);
      pager.close();

      const db = new Database(copy);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT a, b FROM a ORDER BY rowid').all()).toEqual(rows(4, 50).map((_, i) => ({ a: 50 + i, b: `row ${50 + i}` })));
      expect(db.prepare('SELECT count(*) AS n FROM b').get()).toEqual({ n: 3 });
      db.close();

      // close() checkpointed and removed the WAL: SQLite reads the plain file the same way.
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      const plain = new Database(file);
      expect(plain.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(plain.prepare('SELECT count(*) AS n FROM a').get()).toEqual({ n: 4 });
      plain.close();
    });
  }

  it('the Pager recovers a WAL written by SQLite: pages equal SQLite checkpointed file', () => {
    const dir = tempDir('theirs');
    const file = path.join(dir, 'theirs.db');
    const db = new Database(file);
    db.pragma('page_size = 2048');
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t(x, y); CREATE INDEX ti ON t(y)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    for (let i = 0; i < 300; i++) insert.run(i, 'x'.repeat(i % 50) + i);
    db.exec('DELETE FROM t WHERE x % 3 = 0');
    const ours = path.join(dir, 'ours.db');
    const reference = path.join(dir, 'reference.db');
    copyFiles(file, ours);
    copyFiles(file, reference);
    db.close();
    expect(fs.statSync(`${ours}-wal`).size).toBeGreaterThan(32);

    const checkpointed = new Database(reference);
    checkpointed.pragma('wal_checkpoint(TRUNCATE)');
    checkpointed.close();
    const expected = new Uint8Array(fs.readFileSync(reference));

    const pager = Pager.open(nodeVfs(), ours, { readonly: true });
    expect(pager.pageSize).toBe(2048);
    expect(pager.walFrames.log).toBeGreaterThan(0);
    const read = pager.beginRead();
    expect(read.pageCount()).toBe(expected.length / 2048);
    for (let pgno = 1; pgno <= read.pageCount(); pgno++) {
      expect(read.getPage(pgno), `page ${pgno}`).toEqual(expected.subarray((pgno - 1) * 2048, pgno * 2048));
    }
    read.end();
    pager.close();
  });

  it('appends to a WAL written by SQLite, continuing its checksum chain; SQLite reads the result', () => {
    const dir = tempDir('append');
    const file = path.join(dir, 'a.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec("CREATE TABLE t(x); INSERT INTO t VALUES ('from sqlite')");
    const copy = path.join(dir, 'copy.db');
    copyFiles(file, copy);
    db.close();
    const framesBefore = (fs.statSync(`${copy}-wal`).size - 32) / (4096 + 24);
    const pager = Pager.open(nodeVfs(), copy);
    expect(pager.walFrames.log).toBe(framesBefore);
    inWrite(pager, (w) => new DataView(w.getWritable(1).buffer).setUint32(60, 4242)); // user_version
    expect(pager.walFrames.log).toBe(framesBefore + 1);
    pager.close({ checkpoint: false });
    const check = new Database(copy);
    expect(check.pragma('user_version', { simple: true })).toBe(4242);
    expect(check.prepare('SELECT x FROM t').pluck().all()).toEqual(['from sqlite']);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('ignores a torn WAL tail: only whole committed transactions are recovered', () => {
    const dir = tempDir('torn');
    const file = path.join(dir, 'torn.db');
    const db = new Database(file);
    db.pragma('page_size = 1024');
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t(x)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    db.exec("INSERT INTO t VALUES ('first')");
    const afterFirst = fs.statSync(`${file}-wal`).size;
    db.exec(`INSERT INTO t VALUES ('${'second'.repeat(300)}')`);
    const copy = path.join(dir, 'copy.db');
    copyFiles(file, copy);
    db.close();
    // Cut the last frame of transaction 2 in half: the commit frame is torn.
    const full = fs.statSync(`${copy}-wal`).size;
    fs.truncateSync(`${copy}-wal`, full - 600);
    expect(full - 600).toBeGreaterThan(afterFirst);
    const pager = Pager.open(nodeVfs(), copy);
    const framesKept = pager.walFrames.log;
    expect(framesKept).toBe((afterFirst - 32) / (1024 + 24));
    pager.close();
    const check = new Database(copy);
    expect(check.prepare('SELECT x FROM t').pluck().all()).toEqual(['first']);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
