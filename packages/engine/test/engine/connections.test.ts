// Connections sharing one database file: snapshot isolation, the single writer (Busy without side
// effects, then retry), stale snapshots, schema changes seen by other connections, resumable
// stepping under a time budget, and interrupt().

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection, StepResult, type Connection } from '../../src/internal.js';
import { runTandem } from '../sql/differential.js';

let dir: string;
const open: Connection[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-conn-'));
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(name = 'db.sqlite'): Connection {
  const c = openConnection(join(dir, name));
  open.push(c);
  return c;
}

function exec(connection: Connection, sql: string, params: SqlValue[] = []): SqlValue[][] {
  const outcome = runTandem(connection, sql, params);
  if ('error' in outcome) throw new Error(`${sql}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.rows;
}

describe('two connections to one file', () => {
  it('a reader keeps its snapshot while a writer commits', () => {
    const a = connect();
    const b = connect();
    exec(a, 'CREATE TABLE t(x)');
    exec(a, 'INSERT INTO t VALUES (1)');
    exec(b, 'BEGIN');
    expect(exec(b, 'SELECT count(*) FROM t')).toEqual([[1n]]);
    exec(a, 'INSERT INTO t VALUES (2)');
    expect(exec(b, 'SELECT count(*) FROM t')).toEqual([[1n]]);
    exec(b, 'COMMIT');
    expect(exec(b, 'SELECT count(*) FROM t')).toEqual([[2n]]);
  });

  it('a second writer gets Busy with no side effects and succeeds on retry', () => {
    const a = connect();
    const b = connect();
    exec(a, 'CREATE TABLE t(x)');
    exec(a, 'BEGIN IMMEDIATE');
    exec(a, 'INSERT INTO t VALUES (1)');
    const { statement } = b.prepare('INSERT INTO t VALUES (2)');
    expect(statement!.step()).toBe(StepResult.Busy);
    expect(statement!.step()).toBe(StepResult.Busy);
    expect(b.inTransaction).toBe(false);
    exec(a, 'COMMIT');
    expect(statement!.step()).toBe(StepResult.Done);
    statement!.finalize();
    expect(b.changes).toBe(1);
    expect(exec(a, 'SELECT x FROM t ORDER BY x')).toEqual([[1n], [2n]]);
  });

  it('writing from a stale snapshot fails with SQLITE_BUSY_SNAPSHOT', () => {
    const a = connect();
    const b = connect();
    exec(a, 'CREATE TABLE t(x)');
    exec(b, 'BEGIN');
    exec(b, 'SELECT * FROM t');
    exec(a, 'INSERT INTO t VALUES (1)');
    expect(runTandem(b, 'INSERT INTO t VALUES (2)')).toMatchObject({ error: { code: 'SQLITE_BUSY_SNAPSHOT' } });
    exec(b, 'ROLLBACK');
    exec(b, 'INSERT INTO t VALUES (2)');
    expect(exec(a, 'SELECT count(*) FROM t')).toEqual([[2n]]);
  });

  it('schema changes by one connection are seen by the other, even by statements prepared before', () => {
    const a = connect();
    const b = connect();
    exec(a, 'CREATE TABLE t(x, y)');
    for (let i = 0; i < 50; i++) exec(a, 'INSERT INTO t VALUES (?, ?)', [BigInt(i), `v${i}`]);
    const { statement } = b.prepare('SELECT y FROM t WHERE x = 7');
    exec(a, 'CREATE INDEX tx ON t(x)');
    exec(a, 'INSERT INTO t VALUES (7, ?)', ['again']);
    const rows: SqlValue[][] = [];
    while (statement!.step() === StepResult.Row) rows.push(statement!.row().slice());
    statement!.finalize();
    expect(rows.map((r) => r[0]).sort()).toEqual(['again', 'v7']);
    exec(a, 'DROP TABLE t');
    expect(runTandem(b, 'SELECT * FROM t')).toEqual({ error: { code: 'SQLITE_ERROR', message: 'no such table: t' } });
  });
});

describe('resumable execution', () => {
  it('a statement with an exhausted time budget yields and resumes to the same result', () => {
    const c = openConnection(':memory:');
    exec(c, 'CREATE TABLE t(a, b)');
    exec(c, 'BEGIN');
    for (let i = 0; i < 3000; i++) exec(c, 'INSERT INTO t VALUES (?, ?)', [BigInt((i * 7919) % 3001), `r${i}`]);
    exec(c, 'COMMIT');
    const expected = exec(c, 'SELECT a, b FROM t ORDER BY a DESC, b');
    const { statement } = c.prepare('SELECT a, b FROM t ORDER BY a DESC, b');
    const rows: SqlValue[][] = [];
    let yields = 0;
    for (;;) {
      const result = statement!.step(performance.now() - 1);
      if (result === StepResult.Yield) yields++;
      else if (result === StepResult.Row) rows.push(statement!.row().slice());
      else break;
    }
    statement!.finalize();
    expect(rows).toEqual(expected);
    expect(yields).toBeGreaterThan(100);
    c.close();
  });

  it('interrupt() stops a running statement with SQLITE_INTERRUPT', () => {
    const c = openConnection(':memory:');
    exec(c, 'CREATE TABLE t(a)');
    exec(c, 'BEGIN');
    for (let i = 0; i < 500; i++) exec(c, 'INSERT INTO t VALUES (?)', [BigInt(i)]);
    exec(c, 'COMMIT');
    const { statement } = c.prepare('SELECT sum(a) FROM t');
    expect(statement!.step(performance.now() - 1)).toBe(StepResult.Yield);
    c.interrupt();
    expect(() => statement!.step()).toThrow(expect.objectContaining({ code: 'SQLITE_INTERRUPT', message: 'interrupted' }));
    statement!.reset();
    expect(statement!.step()).toBe(StepResult.Row);
    expect(statement!.row()).toEqual([124750n]);
    statement!.finalize();
    c.close();
  });
});

describe('open options', () => {
  it('readonly connections refuse writes; fileMustExist refuses missing files', () => {
    const writer = connect('ro.sqlite');
    exec(writer, 'CREATE TABLE t(x)');
    exec(writer, 'INSERT INTO t VALUES (1)');
    writer.close();
    open.splice(open.indexOf(writer), 1);
    const reader = openConnection(join(dir, 'ro.sqlite'), { readonly: true });
    expect(exec(reader, 'SELECT x FROM t')).toEqual([[1n]]);
    expect(runTandem(reader, 'INSERT INTO t VALUES (2)')).toEqual({ error: { code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' } });
    reader.close();
    expect(() => openConnection(join(dir, 'missing.sqlite'), { fileMustExist: true })).toThrow(expect.objectContaining({ code: 'SQLITE_CANTOPEN' }));
  });
});
