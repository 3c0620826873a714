// BEGIN CONCURRENT, rule by rule, in deterministic interleavings: connections run their statements in
// the order the test awaits them, and a StepScheduler interleaves the slices of long statements.
// Rules: different rows of one table all commit; a real conflict (same row, same unique key, a
// cleared table, a changed schema) fails the later COMMIT with SQLITE_BUSY_SNAPSHOT naming the
// table and rolls it back; auto rowids never collide; a transaction reads one snapshot plus its own
// writes; statement rollback, ROLLBACK, a COMMIT waiting for a BEGIN IMMEDIATE writer; and
// transaction(fn, { mode: 'concurrent', retries }) re-running fn. SQLite reads the file throughout.

import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database, { connect, SqliteError, type Connection } from '../../src/index.js';
import { rejection, StepScheduler, temporaryDirectory } from './support/step-scheduler.js';

let dir: { dir: string; cleanup(): void };
let file: string;
const opened: Connection[] = [];

beforeEach(() => {
  dir = temporaryDirectory();
  file = join(dir.dir, 'db.sqlite');
  const setup = new Database(file);
  setup.exec(`
    CREATE TABLE account(id INTEGER PRIMARY KEY, owner TEXT, balance INTEGER NOT NULL);
    CREATE UNIQUE INDEX account_owner ON account(owner COLLATE NOCASE);
    CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT);
    INSERT INTO account VALUES (1, 'ann', 100), (2, 'bob', 200), (3, 'cy', 300);
  `);
  setup.close();
});
afterEach(async () => {
  for (const connection of opened.splice(0)) await connection.close();
  dir.cleanup();
});

async function open(options: Parameters<typeof connect>[1] = {}): Promise<Connection> {
  const connection = await connect(file, options);
  opened.push(connection);
  return connection;
}

async function rows(db: Connection, sql: string): Promise<unknown[]> {
  return db.prepare(sql).raw().all();
}

function expectConflict(error: unknown, table: string): void {
  expect(error).toBeInstanceOf(SqliteError);
  expect(error).toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
  expect((error as Error).message).toContain(`table ${table}`);
}

/** SQLite opens a copy of the file as it is now (database + WAL, as a crash would leave them). */
function sqliteReadsCopy(query: string): unknown[] {
  const copy = join(dir.dir, `copy-${Math.random().toString(36).slice(2)}.sqlite`);
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const oracle = new BetterSqlite3(copy);
  try {
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    return oracle.prepare(query).raw().all();
  } finally {
    oracle.close();
  }
}

describe('different rows of one table', () => {
  it('updates of different rows by two concurrent transactions both commit', async () => {
    const a = await open();
    const b = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    await a.prepare('UPDATE account SET balance = balance - 10 WHERE id = 1').run();
    await b.prepare('UPDATE account SET balance = balance + 10 WHERE id = 2').run();
    await a.exec('COMMIT');
    await b.exec('COMMIT');
    expect(await rows(a, 'SELECT id, balance FROM account ORDER BY id')).toEqual([[1, 90], [2, 210], [3, 300]]);
    expect(sqliteReadsCopy('SELECT id, balance FROM account ORDER BY id')).toEqual([[1, 90], [2, 210], [3, 300]]);
  });

  it('inserts with auto-assigned rowids never collide, whatever the snapshots saw', async () => {
    const connections = [await open(), await open(), await open(), await open()];
    for (const db of connections) await db.exec('BEGIN CONCURRENT');
    const assigned: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [i, db] of connections.entries()) {
        const result = await db.prepare('INSERT INTO note(body) VALUES (?)').run(`c${i} r${round}`);
        assigned.push(Number(result.lastInsertRowid));
      }
    }
    expect(new Set(assigned).size).toBe(12);
    for (const db of connections) await db.exec('COMMIT');
    expect(await rows(connections[0]!, 'SELECT count(*), count(DISTINCT id) FROM note')).toEqual([[12, 12]]);
    expect((await rows(connections[0]!, 'SELECT id FROM note ORDER BY id')).flat()).toEqual([...assigned].sort((x, y) => x - y));
  });

  it('bulk inserts that split pages in both private images re-apply cleanly on the latest state', async () => {
    const setup = await open();
    await setup.exec('CREATE TABLE item(id INTEGER PRIMARY KEY, owner INTEGER, label TEXT); CREATE INDEX item_label ON item(label)');
    const a = await open();
    const b = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    const insertA = a.prepare('INSERT INTO item(owner, label) VALUES (1, ?)');
    const insertB = b.prepare('INSERT INTO item(owner, label) VALUES (2, ?)');
    for (let i = 0; i < 400; i++) {
      await insertA.run(`a-${String(i).padStart(4, '0')}-${'x'.repeat(i % 50)}`);
      await insertB.run(`b-${String(i).padStart(4, '0')}-${'y'.repeat(i % 70)}`);
    }
    await a.prepare('DELETE FROM item WHERE id % 7 = 0').run();
    await a.exec('COMMIT');
    await b.exec('COMMIT');
    expect(await rows(setup, 'SELECT owner, count(*) FROM item GROUP BY owner ORDER BY owner')).toEqual([[1, 400 - 57], [2, 400]]);
    expect(await rows(setup, "SELECT count(*) FROM item WHERE label >= 'b'")).toEqual([[400]]);
    expect(await setup.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    expect(sqliteReadsCopy('SELECT owner, count(*) FROM item GROUP BY owner ORDER BY owner')).toEqual([[1, 343], [2, 400]]);
  });

  it('AUTOINCREMENT tables too: distinct rowids, both commit, sqlite_sequence keeps the largest', async () => {
    const setup = await open();
    await setup.exec("CREATE TABLE ticket(id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT); INSERT INTO ticket(what) VALUES ('first')");
    const a = await open();
    const b = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    const fromA = await a.prepare("INSERT INTO ticket(what) VALUES ('a')").run();
    const fromB = await b.prepare("INSERT INTO ticket(what) VALUES ('b1'), ('b2')").run();
    await b.exec('COMMIT');
    await a.exec('COMMIT');
    expect(fromA.lastInsertRowid).not.toBe(fromB.lastInsertRowid);
    expect(await rows(setup, 'SELECT id, what FROM ticket ORDER BY id')).toEqual([[1, 'first'], [2, 'a'], [3, 'b1'], [4, 'b2']]);
    expect(await rows(setup, "SELECT seq FROM sqlite_sequence WHERE name = 'ticket'")).toEqual([[4]]);
    expect(sqliteReadsCopy("SELECT seq FROM sqlite_sequence WHERE name = 'ticket'")).toEqual([[4]]);
  });

  it('slices of two long UPDATE statements interleave and both commit', async () => {
    const setup = await open();
    await setup.exec('BEGIN');
    const insert = setup.prepare('INSERT INTO note VALUES (?, ?)');
    for (let id = 1; id <= 2000; id++) await insert.run(id, 'x');
    await setup.exec('COMMIT');
    const scheduler = new StepScheduler();
    const a = await open({ timeSlice: 0, yieldSlice: scheduler.yieldFor('a') });
    const b = await open({ timeSlice: 0, yieldSlice: scheduler.yieldFor('b') });
    const beginA = a.exec('BEGIN CONCURRENT');
    const beginB = b.exec('BEGIN CONCURRENT');
    await scheduler.runToEnd('a', beginA);
    await scheduler.runToEnd('b', beginB);
    const updateA = a.prepare("UPDATE note SET body = 'a' WHERE id % 2 = 0").run();
    const updateB = b.prepare("UPDATE note SET body = 'b' WHERE id % 2 = 1").run();
    await scheduler.untilParked('a');
    await scheduler.untilParked('b');
    let turns = 0;
    let settled = 0;
    void updateA.finally(() => settled++);
    void updateB.finally(() => settled++);
    while (settled < 2 && turns < 100_000) {
      if (scheduler.isParked('a')) await scheduler.slice('a', updateA);
      if (scheduler.isParked('b')) await scheduler.slice('b', updateB);
      turns++;
    }
    expect((await updateA).changes).toBe(1000);
    expect((await updateB).changes).toBe(1000);
    expect(scheduler.slices.get('a')).toBeGreaterThan(5);
    await scheduler.runToEnd('b', b.exec('COMMIT'));
    await scheduler.runToEnd('a', a.exec('COMMIT'));
    expect(await rows(setup, 'SELECT body, count(*) FROM note GROUP BY body ORDER BY body')).toEqual([['a', 1000], ['b', 1000]]);
    expect(await setup.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
  });
});

describe('slice by slice (StepScheduler)', () => {
  /** 2000 notes, then two connections whose every slice the scheduler releases. */
  async function slicedPair(): Promise<{ scheduler: StepScheduler; a: Connection; b: Connection; check: Connection }> {
    const check = await open();
    await check.exec('BEGIN');
    const insert = check.prepare('INSERT INTO note VALUES (?, ?)');
    for (let id = 1; id <= 2000; id++) await insert.run(id, 'x');
    await check.exec('COMMIT');
    const scheduler = new StepScheduler();
    const a = await open({ timeSlice: 0, yieldSlice: scheduler.yieldFor('a') });
    const b = await open({ timeSlice: 0, yieldSlice: scheduler.yieldFor('b') });
    await scheduler.runToEnd('a', a.exec('BEGIN CONCURRENT'));
    await scheduler.runToEnd('b', b.exec('BEGIN CONCURRENT'));
    return { scheduler, a, b, check };
  }

  it('overlapping UPDATEs interleaved slice by slice: the second COMMIT loses, naming the table', async () => {
    const { scheduler, a, b, check } = await slicedPair();
    const updateA = a.prepare("UPDATE note SET body = 'a' WHERE id <= 1200").run();
    const updateB = b.prepare("UPDATE note SET body = 'b' WHERE id > 800").run();
    await scheduler.untilParked('a');
    await scheduler.untilParked('b');
    for (let turn = 0; turn < 100_000 && (scheduler.isParked('a') || scheduler.isParked('b')); turn++) {
      if (scheduler.isParked('a')) await scheduler.slice('a', updateA);
      if (scheduler.isParked('b')) await scheduler.slice('b', updateB);
    }
    expect((await updateA).changes).toBe(1200);
    expect((await updateB).changes).toBe(1200);
    await scheduler.runToEnd('b', b.exec('COMMIT'));
    expectConflict(await rejection(scheduler.runToEnd('a', a.exec('COMMIT'))), 'note');
    expect(await rows(check, 'SELECT body, count(*) FROM note GROUP BY body ORDER BY body')).toEqual([['b', 1200], ['x', 800]]);
  });

  it('a long scan in a concurrent transaction reads one snapshot while another commits between its slices', async () => {
    const { scheduler, a, b, check } = await slicedPair();
    const scan = b.prepare("SELECT count(*), sum(body = 'x') FROM note").raw().get();
    await scheduler.untilParked('b');
    await scheduler.slice('b', scan);
    await scheduler.slice('b', scan);
    // a commits a change to every row while b's scan is half way.
    await scheduler.runToEnd('a', a.prepare("UPDATE note SET body = 'a'").run());
    await scheduler.runToEnd('a', a.exec('COMMIT'));
    expect(await scheduler.runToEnd('b', scan)).toEqual([2000, 2000]);
    expect(scheduler.slices.get('b')).toBeGreaterThan(5);
    // Still b's snapshot for its next statement; its write to another table commits.
    expect(await scheduler.runToEnd('b', b.prepare("SELECT count(*) FROM note WHERE body = 'a'").pluck().get())).toBe(0);
    await scheduler.runToEnd('b', b.prepare('UPDATE account SET balance = 0 WHERE id = 1').run());
    await scheduler.runToEnd('b', b.exec('COMMIT'));
    expect(await rows(check, "SELECT count(*) FROM note WHERE body = 'a'")).toEqual([[2000]]);
    expect(await rows(check, 'SELECT balance FROM account WHERE id = 1')).toEqual([[0]]);
  });
});

describe('real conflicts', () => {
  it('the same row updated twice: the second COMMIT fails with SQLITE_BUSY_SNAPSHOT naming the table and rolls back', async () => {
    const a = await open();
    const b = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    await a.prepare('UPDATE account SET balance = balance + 1 WHERE id = 1').run();
    await b.prepare('UPDATE account SET balance = balance + 5 WHERE id = 1').run();
    await b.prepare("INSERT INTO note(body) VALUES ('lost')").run();
    await a.exec('COMMIT');
    expectConflict(await rejection(b.exec('COMMIT')), 'account');
    expect(b.inTransaction).toBe(false);
    expect(await rows(b, 'SELECT balance FROM account WHERE id = 1')).toEqual([[101]]);
    expect(await rows(b, 'SELECT count(*) FROM note')).toEqual([[0]]); // the loser's other writes are gone too
  });

  it('a delete and an update of the same row conflict; the first committer wins', async () => {
    const a = await open();
    const b = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    await b.prepare('UPDATE account SET balance = 0 WHERE id = 3').run();
    await a.prepare('DELETE FROM account WHERE id = 3').run();
    await b.exec('COMMIT');
    expectConflict(await rejection(a.exec('COMMIT')), 'account');
    expect(await rows(a, 'SELECT id, balance FROM account WHERE id = 3')).toEqual([[3, 0]]);
  });

  it('two inserts of one unique key (equal under the index collation) conflict; different keys do not', async () => {
    const a = await open();
    const b = await open();
    const c = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    await c.exec('BEGIN CONCURRENT');
    await a.prepare("INSERT INTO account(owner, balance) VALUES ('dee', 1)").run();
    await b.prepare("INSERT INTO account(owner, balance) VALUES ('DEE', 2)").run();
    await c.prepare("INSERT INTO account(owner, balance) VALUES ('eve', 3)").run();
    await a.exec('COMMIT');
    const error = await rejection(b.exec('COMMIT'));
    expectConflict(error, 'account');
    expect((error as Error).message).toContain('account_owner');
    await c.exec('COMMIT');
    expect(await rows(a, 'SELECT owner, balance FROM account WHERE id > 3 ORDER BY owner')).toEqual([['dee', 1], ['eve', 3]]);
    expect(await a.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
  });

  it('DELETE of every row conflicts with an update of one of them; a new row is no conflict (phantoms are allowed)', async () => {
    const setup = await open();
    await setup.exec("INSERT INTO note VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    const a = await open();
    const b = await open();
    const c = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    await c.exec('BEGIN CONCURRENT');
    await a.prepare("INSERT INTO note VALUES (4, 'phantom')").run();
    await b.prepare('DELETE FROM note').run();
    await c.prepare("UPDATE note SET body = 'changed' WHERE id = 2").run();
    await a.exec('COMMIT');
    await b.exec('COMMIT');
    expectConflict(await rejection(c.exec('COMMIT')), 'note');
    expect(await rows(c, 'SELECT id, body FROM note')).toEqual([[4, 'phantom']]);
  });

  it('a write by a plain transaction that began before the concurrent one conflicts on its table only', async () => {
    const plain = await open();
    const a = await open();
    const b = await open();
    await plain.exec('BEGIN IMMEDIATE');
    await plain.prepare('UPDATE account SET balance = 7 WHERE id = 2').run();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    await a.prepare('SELECT 1 FROM account').all(); // snapshots taken before plain commits
    await b.prepare('SELECT 1 FROM account').all();
    await plain.exec('COMMIT');
    await a.prepare('UPDATE account SET balance = 8 WHERE id = 1').run();
    await b.prepare("INSERT INTO note(body) VALUES ('other table')").run();
    expectConflict(await rejection(a.exec('COMMIT')), 'account'); // plain tracked no rows: the table decides
    await b.exec('COMMIT');
  });

  it('a schema change committed after the snapshot fails the COMMIT', async () => {
    const a = await open();
    const ddl = await open();
    await a.exec('BEGIN CONCURRENT');
    await a.prepare('UPDATE account SET balance = 1 WHERE id = 1').run();
    await ddl.exec('CREATE TABLE later(x)');
    expect(await rejection(a.exec('COMMIT'))).toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
  });
});

describe('one snapshot, own writes', () => {
  it('reads see the snapshot plus the transaction’s own writes, never other commits', async () => {
    const a = await open();
    const b = await open();
    await a.exec('BEGIN CONCURRENT');
    expect(await rows(a, 'SELECT balance FROM account WHERE id = 2')).toEqual([[200]]);
    await b.exec('UPDATE account SET balance = 999 WHERE id = 2; INSERT INTO note(body) VALUES (\'b\')');
    await a.prepare('UPDATE account SET balance = balance * 2 WHERE id = 1').run();
    expect(await rows(a, 'SELECT id, balance FROM account ORDER BY id')).toEqual([[1, 200], [2, 200], [3, 300]]);
    expect(await rows(a, 'SELECT count(*) FROM note')).toEqual([[0]]);
    await a.exec('COMMIT');
    expect(await rows(a, 'SELECT id, balance FROM account ORDER BY id')).toEqual([[1, 200], [2, 999], [3, 300]]);
  });

  it('write skew is allowed: snapshot isolation, not serializable (as in Turso and SQLite’s branch)', async () => {
    const a = await open();
    const b = await open();
    await a.exec('BEGIN CONCURRENT');
    await b.exec('BEGIN CONCURRENT');
    expect(await rows(a, 'SELECT sum(balance) FROM account WHERE id IN (1, 2)')).toEqual([[300]]);
    expect(await rows(b, 'SELECT sum(balance) FROM account WHERE id IN (1, 2)')).toEqual([[300]]);
    await a.prepare('UPDATE account SET balance = 0 WHERE id = 1').run();
    await b.prepare('UPDATE account SET balance = 0 WHERE id = 2').run();
    await a.exec('COMMIT');
    await b.exec('COMMIT');
    expect(await rows(a, 'SELECT sum(balance) FROM account WHERE id IN (1, 2)')).toEqual([[0]]);
  });

  it('a failed statement is undone alone; ROLLBACK discards everything', async () => {
    const a = await open();
    await a.exec('BEGIN CONCURRENT');
    await a.prepare("INSERT INTO note(body) VALUES ('kept')").run();
    const failed = await rejection(a.prepare("INSERT INTO account(id, owner, balance) VALUES (9, 'x', 1), (1, 'y', 1)").run());
    expect(failed).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    await a.exec('COMMIT');
    expect(await rows(a, 'SELECT body FROM note')).toEqual([['kept']]);
    expect(await rows(a, 'SELECT count(*) FROM account')).toEqual([[3]]);
    await a.exec('BEGIN CONCURRENT');
    await a.prepare('DELETE FROM note').run();
    await a.exec('ROLLBACK');
    expect(await rows(a, 'SELECT count(*) FROM note')).toEqual([[1]]);
  });

  it('schema changes inside BEGIN CONCURRENT are refused, not half-applied', async () => {
    const a = await open();
    await a.exec('BEGIN CONCURRENT');
    expect(await rejection(a.exec('CREATE TABLE inside(x)'))).toMatchObject({ message: expect.stringContaining('not supported by Tandem yet') });
    await a.exec('ROLLBACK');
  });
});

describe('COMMIT and the write lock', () => {
  it('a concurrent COMMIT waits in the writer queue while a BEGIN IMMEDIATE transaction holds the lock', async () => {
    const plain = await open();
    const a = await open();
    await a.exec('BEGIN CONCURRENT');
    await a.prepare('UPDATE account SET balance = 1 WHERE id = 1').run();
    await plain.exec('BEGIN IMMEDIATE');
    await plain.prepare('UPDATE account SET balance = 2 WHERE id = 2').run();
    let committed = false;
    const commit = a.exec('COMMIT').then(() => (committed = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(committed).toBe(false);
    expect(a.inTransaction).toBe(true);
    await plain.exec('COMMIT');
    await commit;
    expect(await rows(plain, 'SELECT id, balance FROM account WHERE id < 3 ORDER BY id')).toEqual([[1, 1], [2, 2]]);
  });

  it('the sync API: BEGIN CONCURRENT from SQL, different rows commit, the same row conflicts', () => {
    const a = new Database(file);
    const b = new Database(file);
    try {
      a.exec('BEGIN CONCURRENT');
      b.exec('BEGIN CONCURRENT');
      a.prepare('UPDATE account SET balance = 1 WHERE id = 1').run();
      b.prepare('UPDATE account SET balance = 2 WHERE id = 2').run();
      const inserted = [a.prepare("INSERT INTO note(body) VALUES ('a')").run(), b.prepare("INSERT INTO note(body) VALUES ('b')").run()];
      expect(inserted[0]!.lastInsertRowid).not.toBe(inserted[1]!.lastInsertRowid);
      a.exec('COMMIT');
      b.exec('COMMIT');
      a.exec('BEGIN CONCURRENT');
      b.exec('BEGIN CONCURRENT');
      a.prepare('UPDATE account SET balance = 10 WHERE id = 1').run();
      b.prepare('UPDATE account SET balance = 20 WHERE id = 1').run();
      b.exec('COMMIT');
      let error: unknown;
      try {
        a.exec('COMMIT');
      } catch (caught) {
        error = caught;
      }
      expectConflict(error, 'account');
      expect(a.inTransaction).toBe(false);
      expect(a.prepare('SELECT id, balance FROM account ORDER BY id').raw().all()).toEqual([[1, 20], [2, 2], [3, 300]]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('the sync API: COMMIT fails fast with SQLITE_BUSY while the lock is held and can be retried', () => {
    const a = new Database(file);
    const plain = new Database(file);
    try {
      a.exec('BEGIN CONCURRENT');
      a.prepare('UPDATE account SET balance = 5 WHERE id = 3').run();
      plain.exec('BEGIN IMMEDIATE');
      expect(() => a.exec('COMMIT')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
      expect(a.inTransaction).toBe(true);
      plain.exec('COMMIT');
      a.exec('COMMIT');
      expect(plain.prepare('SELECT balance FROM account WHERE id = 3').pluck().get()).toBe(5);
    } finally {
      a.close();
      plain.close();
    }
  });
});

describe("transaction(fn, { mode: 'concurrent', retries })", () => {
  it('re-runs fn after a lost conflict and commits the retry', async () => {
    const a = await open();
    const b = await open();
    let attempts = 0;
    const result = await a.transaction(
      async (tx) => {
        attempts++;
        const balance = (await tx.prepare('SELECT balance FROM account WHERE id = 1').pluck().get()) as number;
        if (attempts === 1) await b.exec('UPDATE account SET balance = balance + 1000 WHERE id = 1'); // commits meanwhile
        await tx.prepare('UPDATE account SET balance = ? WHERE id = 1').run(balance + 1);
        return balance;
      },
      { mode: 'concurrent', retries: 2 },
    );
    expect(attempts).toBe(2);
    expect(result).toBe(1100);
    expect(await rows(a, 'SELECT balance FROM account WHERE id = 1')).toEqual([[1101]]);
  });

  it('a nested transaction (savepoint) that fails is undone alone; the rest commits', async () => {
    const a = await open();
    await a.transaction(
      async (tx) => {
        await tx.prepare("INSERT INTO note(body) VALUES ('outer')").run();
        await rejection(
          tx.transaction(async (inner) => {
            await inner.prepare('UPDATE account SET balance = -1').run();
            throw new Error('inner fails');
          }),
        );
        await tx.prepare('UPDATE account SET balance = balance + 1 WHERE id = 3').run();
      },
      { mode: 'concurrent' },
    );
    expect(await rows(a, 'SELECT body FROM note')).toEqual([['outer']]);
    expect(await rows(a, 'SELECT id, balance FROM account ORDER BY id')).toEqual([[1, 100], [2, 200], [3, 301]]);
  });

  it('gives up with SQLITE_BUSY_SNAPSHOT once the retries are spent', async () => {
    const a = await open();
    const b = await open();
    let attempts = 0;
    const error = await rejection(
      a.transaction(
        async (tx) => {
          attempts++;
          await tx.prepare('UPDATE account SET balance = balance - 1 WHERE id = 2').run();
          await b.exec('UPDATE account SET balance = balance + 1 WHERE id = 2');
        },
        { mode: 'concurrent', retries: 1 },
      ),
    );
    expect(attempts).toBe(2);
    expectConflict(error, 'account');
    expect(a.inTransaction).toBe(false);
    expect(await rows(a, 'SELECT balance FROM account WHERE id = 2')).toEqual([[202]]);
  });
});
