// The async Connection's API surface: better-sqlite3's binding rules and row shapes through promises,
// async iteration, batch() as one transaction, nested transaction() as a savepoint, call options
// versus named parameters, and calls on one connection running one at a time in call order.

import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, SqliteError, type Connection } from '../../src/index.js';

const opened: Connection[] = [];
afterEach(async () => {
  for (const connection of opened.splice(0)) await connection.close();
});

async function memory(): Promise<Connection> {
  const connection = await connect(':memory:');
  opened.push(connection);
  await connection.exec("CREATE TABLE t(a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
  return connection;
}

describe('statements', () => {
  it('bind and shape rows as better-sqlite3 does', async () => {
    const db = await memory();
    const oracle = new BetterSqlite3(':memory:');
    oracle.exec("CREATE TABLE t(a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    const cases: [string, unknown[]][] = [
      ['SELECT * FROM t WHERE a >= ? ORDER BY a', [2]],
      ['SELECT b FROM t WHERE a = :a OR b = @b ORDER BY a', [{ a: 1, b: 'three' }]],
      ['SELECT ? + ? AS s, $x AS x', [40, 2, { x: 'y' }]],
      ['SELECT a, 9007199254740993 AS big FROM t WHERE a IN (?, ?)', [[1, 3]]],
    ];
    for (const [sql, params] of cases) {
      expect(await db.prepare(sql).all(...params)).toEqual(oracle.prepare(sql).all(...params));
      expect(await db.prepare(sql).get(...params)).toEqual(oracle.prepare(sql).get(...params));
      expect(await db.prepare(sql).raw().all(...params)).toEqual(oracle.prepare(sql).raw().all(...params));
    }
    expect(await db.prepare('SELECT a FROM t ORDER BY a').pluck().safeIntegers().all()).toEqual([1n, 2n, 3n]);
    await expect(db.prepare('SELECT ?').get()).rejects.toThrow(new RangeError('Too few parameter values were provided'));
    expect(() => db.prepare('SELECT 1; SELECT 2')).toThrow(RangeError);
    expect(await db.prepare('INSERT INTO t VALUES (?, ?)').run(4, 'four')).toEqual(oracle.prepare('INSERT INTO t VALUES (?, ?)').run(4, 'four'));
    oracle.close();
  });

  it('iterate() yields rows lazily and lets other calls run between rows', async () => {
    const db = await memory();
    const seen: unknown[] = [];
    for await (const row of db.prepare('SELECT a FROM t ORDER BY a').pluck().iterate()) {
      seen.push(row);
      seen.push(await db.prepare('SELECT count(*) FROM t').pluck().get());
      if (row === 2) break;
    }
    expect(seen).toEqual([1, 3, 2, 3]);
    // The statement is usable again after break.
    const statement = db.prepare('SELECT a FROM t ORDER BY a').pluck();
    const iterator = statement.iterate();
    await iterator.next();
    await expect(statement.all()).rejects.toThrow('This statement is busy executing a query');
    await iterator.return!();
    expect(await statement.all()).toEqual([1, 2, 3]);
  });

  it('a trailing { signal, timeout } object is call options unless the SQL names such a parameter', async () => {
    const db = await memory();
    const controller = new AbortController();
    expect(await db.prepare('SELECT b FROM t WHERE a = ?').pluck().get(2, { timeout: 1000 })).toBe('two');
    expect(await db.prepare('SELECT :timeout AS v').pluck().get({ timeout: 5 })).toBe(5);
    controller.abort();
    await expect(db.prepare('SELECT 1').get({ signal: controller.signal })).rejects.toMatchObject({ code: 'SQLITE_INTERRUPT' });
  });
});

describe('transactions and batches', () => {
  it('batch() runs everything in one transaction and rolls all of it back on a failure', async () => {
    const db = await memory();
    const results = await db.batch([['INSERT INTO t VALUES (?, ?)', [4, 'four']], ['SELECT count(*) AS n FROM t'], db.prepare('DELETE FROM t WHERE a = 1')], { mode: 'immediate' });
    expect(results).toEqual([{ changes: 1, lastInsertRowid: 4 }, [{ n: 4 }], { changes: 1, lastInsertRowid: 4 }]);
    const error = await db.batch(['INSERT INTO t VALUES (5, \'five\')', 'INSERT INTO nowhere VALUES (1)']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteError);
    expect(error).toMatchObject({ message: 'no such table: nowhere' });
    expect(await db.prepare('SELECT group_concat(a) FROM t').pluck().get()).toBe('2,3,4');
    expect(db.inTransaction).toBe(false);
  });

  it('transaction() on the handle nests a savepoint; on the connection it waits for the running one', async () => {
    const db = await memory();
    const order: string[] = [];
    const outer = db.transaction(async (tx) => {
      order.push('outer begins');
      await tx.exec('INSERT INTO t VALUES (10, \'ten\')');
      await tx
        .transaction(async (inner) => {
          await inner.exec('INSERT INTO t VALUES (11, \'eleven\')');
          throw new Error('undo the inner part only');
        })
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('outer commits');
    });
    const second = db.transaction(async () => void order.push('second runs'));
    await Promise.all([outer, second]);
    expect(order).toEqual(['outer begins', 'outer commits', 'second runs']);
    expect(await db.prepare('SELECT group_concat(a) FROM t').pluck().get()).toBe('1,2,3,10');
  });

  it('transaction() calls on one connection take turns in call order, each seeing the commits before it', async () => {
    const db = await memory();
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        db.transaction(async (tx) => {
          const count = Number(await tx.prepare('SELECT count(*) FROM t').pluck().get());
          await new Promise((resolve) => setTimeout(resolve, 2));
          await tx.prepare('INSERT INTO t VALUES (?, ?)').run(count + 1, `n${n}`);
          order.push(n);
        }),
      ),
    );
    expect(order).toEqual([1, 2, 3]);
    expect(await db.prepare('SELECT group_concat(a) FROM t').pluck().get()).toBe('1,2,3,4,5,6');
  });

  it('runs calls on one connection one at a time, in call order', async () => {
    const db = await memory();
    const calls = [db.exec('INSERT INTO t VALUES (7, \'seven\')'), db.prepare('SELECT count(*) FROM t').pluck().get(), db.exec('DELETE FROM t'), db.prepare('SELECT count(*) FROM t').pluck().get()];
    expect(await Promise.all(calls)).toEqual([undefined, 4, undefined, 0]);
    await db.close();
    await expect(db.exec('SELECT 1')).rejects.toThrow('The database connection is not open');
  });
});
