import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteError } from '@tandem/engine';
import { createPool, PooledConnection, type Pool } from '../src/index.js';

let dir: string;
let path: string;
const pools: Pool[] = [];

function open(options?: Parameters<typeof createPool>[1]): Pool {
  const pool = createPool(path, options);
  pools.push(pool);
  return pool;
}

async function expectSqliteError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SqliteError);
  expect((error as SqliteError).code).toBe(code);
  if (message) expect((error as SqliteError).message).toMatch(message);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-pool-'));
  path = join(dir, 'test.db');
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('acquire and release', () => {
  it('lends connections to the same database and counts them', async () => {
    const pool = open({ max: 3 });
    const a = await pool.acquire();
    const b = await pool.acquire();
    expect(a).toBeInstanceOf(PooledConnection);
    expect(pool.stats).toMatchObject({ borrowed: 2, max: 3, min: 0 });
    await a.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1), (2)');
    expect(await b.prepare('SELECT sum(x) AS s FROM t').get()).toEqual({ s: 3 });
    await a.release();
    await pool.release(b);
    expect(pool.stats.borrowed).toBe(0);
    expect(pool.stats.available).toBe(2);
    expect(pool.path).toBe(path);
  });

  it('makes acquire wait for a connection when all are lent, and times out with SQLITE_BUSY', async () => {
    const pool = open({ max: 1, acquireTimeoutMillis: 50 });
    const a = await pool.acquire();
    await expectSqliteError(pool.acquire(), 'SQLITE_BUSY', /timed out/);
    const waiting = pool.acquire();
    expect(pool.stats.pending).toBe(1);
    await a.release();
    const b = await waiting;
    await b.release();
  });

  it('withConnection gives the connection back when fn throws', async () => {
    const pool = open({ max: 1 });
    await expect(pool.withConnection(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(pool.stats.borrowed).toBe(0);
    expect(await pool.withConnection((c) => c.prepare('SELECT 7').pluck().get())).toBe(7);
  });

  it('keeps min connections open', async () => {
    const pool = open({ min: 2, max: 4 });
    const c = await pool.acquire();
    await c.release();
    expect(pool.stats.size).toBeGreaterThanOrEqual(2);
  });
});

describe('a released connection', () => {
  it('fails every call clearly, including its statements and iterators', async () => {
    const pool = open({ max: 1 });
    const c = await pool.acquire();
    await c.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)');
    const statement = c.prepare('SELECT x FROM t');
    const iterator = c.prepare('SELECT x FROM t').iterate();
    expect(await iterator.next()).toEqual({ done: false, value: { x: 1 } });
    await c.release();
    const message = /connection was released to the pool/;
    await expectSqliteError(c.exec('SELECT 1'), 'SQLITE_MISUSE', message);
    await expectSqliteError(statement.all(), 'SQLITE_MISUSE', message);
    await expectSqliteError(iterator.next(), 'SQLITE_MISUSE', message);
    await expectSqliteError(c.transaction(async () => 1), 'SQLITE_MISUSE', message);
    await expectSqliteError(c.release(), 'SQLITE_MISUSE', message);
    expect(() => c.prepare('SELECT 1')).toThrow(message);
    expect(() => c.inTransaction).toThrow(message);
    // The next borrower gets the same connection, unaffected.
    const d = await pool.acquire();
    expect(await d.prepare('SELECT count(*) FROM t').pluck().get()).toBe(3);
    await d.release();
  });

  it('is rolled back when given back inside a transaction', async () => {
    const pool = open({ max: 1 });
    const c = await pool.acquire();
    await c.exec('CREATE TABLE t(x)');
    await c.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
    expect(c.inTransaction).toBe(true);
    await c.release();
    const d = await pool.acquire();
    expect(d.inTransaction).toBe(false);
    expect(await d.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    // The write lock was let go: another write goes through.
    await d.exec('INSERT INTO t VALUES (2)');
    await d.release();
  });

  it('cannot be released from inside its own transaction', async () => {
    const pool = open({ max: 1 });
    const c = await pool.acquire();
    await c.transaction(async (tx) => {
      await expectSqliteError(tx.release(), 'SQLITE_MISUSE', /inside its own transaction/);
    });
    await c.release();
  });
});

describe('transactions', () => {
  it('commits, rolls back on a throwing callback, and nests savepoints', async () => {
    const pool = open();
    await pool.withConnection((c) => c.exec('CREATE TABLE t(x)'));
    await pool.transaction(async (c) => {
      await c.prepare('INSERT INTO t VALUES (1)').run();
      await c.transaction(async (inner) => inner.prepare('INSERT INTO t VALUES (2)').run());
      await c
        .transaction(async (inner) => {
          await inner.prepare('INSERT INTO t VALUES (3)').run();
          throw new Error('undo 3');
        })
        .catch(() => undefined);
    });
    await expect(
      pool.transaction(async (c) => {
        await c.prepare('INSERT INTO t VALUES (4)').run();
        throw new Error('undo all');
      }),
    ).rejects.toThrow('undo all');
    const rows = await pool.withConnection((c) => c.prepare('SELECT x FROM t ORDER BY x').pluck().all());
    expect(rows).toEqual([1, 2]);
    expect(pool.stats.borrowed).toBe(0);
  });

  it('runs 50 concurrent read-modify-write transactions with no SQLITE_BUSY and no lost update', async () => {
    const pool = open({ max: 8 });
    await pool.withConnection((c) => c.exec('CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO counter VALUES (1, 0)'));
    const increment = (mode: 'immediate' | 'deferred') =>
      pool.transaction(
        async (c) => {
          const n = (await c.prepare('SELECT n FROM counter WHERE id = 1').pluck().get()) as number;
          await new Promise((resolve) => setImmediate(resolve)); // let the others interleave
          await c.prepare('UPDATE counter SET n = ? WHERE id = 1').run(n + 1);
        },
        { mode, retries: mode === 'deferred' ? 100 : 0 },
      );
    await Promise.all(Array.from({ length: 50 }, () => increment('immediate')));
    expect(await pool.withConnection((c) => c.prepare('SELECT n FROM counter').pluck().get())).toBe(50);
    // Deferred transactions that go stale are re-run by the retries, never surfacing SQLITE_BUSY.
    await Promise.all(Array.from({ length: 50 }, () => increment('deferred')));
    expect(await pool.withConnection((c) => c.prepare('SELECT n FROM counter').pluck().get())).toBe(100);
  });

  it('runs batch() with pooled statements', async () => {
    const pool = open();
    const result = await pool.withConnection(async (c) => {
      await c.exec('CREATE TABLE t(x)');
      const insert = c.prepare('INSERT INTO t VALUES (?)');
      return c.batch([[insert, [1]], [insert, [2]], 'SELECT count(*) AS n FROM t']);
    });
    expect(result[2]).toEqual([{ n: 2 }]);
  });
});

describe('closing and bad input', () => {
  it('close() waits for borrowed connections, then refuses work', async () => {
    const pool = open({ max: 2 });
    const c = await pool.acquire();
    let closed = false;
    const closing = pool.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    await expectSqliteError(pool.acquire(), 'SQLITE_MISUSE', /pool is closed/);
    await c.exec('SELECT 1'); // still usable until given back
    await c.release();
    await closing;
    expect(closed).toBe(true);
    expect(pool.stats.size).toBe(0);
    await expectSqliteError(pool.withConnection(async () => 1), 'SQLITE_MISUSE', /pool is closed/);
    await pool.close(); // idempotent
  });

  it('rejects acquire with the engine error when the file cannot be opened, and never hangs', async () => {
    path = join(dir, 'missing-dir', 'x.db');
    const pool = open({ max: 2 });
    const error = await pool.acquire().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SqliteError);
    // Again: a failing factory does not poison the pool.
    await expect(pool.acquire()).rejects.toBeInstanceOf(SqliteError);
    expect(pool.stats.borrowed).toBe(0);
  });

  it('passes connect options through', async () => {
    const created = open();
    await created.withConnection((c) => c.exec('CREATE TABLE t(x)'));
    await created.close();
    const readonly = open({ connect: { readonly: true } });
    await expectSqliteError(
      readonly.withConnection((c) => c.exec('INSERT INTO t VALUES (1)')),
      'SQLITE_READONLY',
    );
  });

  it('runs onConnect once per new connection, and rejects acquire when it throws', async () => {
    let calls = 0;
    const pool = open({
      max: 2,
      onConnect: async (connection) => {
        calls++;
        await connection.exec('PRAGMA foreign_keys = ON');
      },
    });
    await Promise.all([pool.withConnection(async () => undefined), pool.withConnection(async () => undefined)]);
    await pool.withConnection(async () => undefined);
    expect(calls).toBe(2);
    expect(await pool.withConnection((c) => c.prepare('PRAGMA foreign_keys').pluck().get())).toBe(1);

    const failing = open({ onConnect: () => Promise.reject(new Error('setup failed')) });
    await expect(failing.acquire()).rejects.toThrow('setup failed');
    expect(failing.stats.borrowed).toBe(0);
  });

  it('validates its options', () => {
    expect(() => createPool(42 as unknown as string)).toThrow(TypeError);
    expect(() => createPool(path, { max: 0 })).toThrow(/"max"/);
    expect(() => createPool(path, { min: -1 })).toThrow(/"min"/);
    expect(() => createPool(':memory:', { max: 2 })).toThrow(/separate database/);
    expect(() => createPool(path, { onConnect: 1 as never })).toThrow(/"onConnect"/);
  });

  it('keeps one database for ":memory:"', async () => {
    const pool = createPool(':memory:');
    pools.push(pool);
    await pool.withConnection((c) => c.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)'));
    expect(await pool.withConnection((c) => c.prepare('SELECT x FROM t').pluck().get())).toBe(1);
    expect(pool.stats.max).toBe(1);
  });
});
