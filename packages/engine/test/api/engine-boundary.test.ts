// How the API drives the engine's resumable statements: Yield is continued, Busy is retried until the
// busy timeout and then fails with SQLITE_BUSY, statements are rewound after every call (also after
// errors), a user function's own exception reaches the caller, and blobs are copied out of the engine.

import { afterEach, describe, expect, it } from 'vitest';
import { useConnectionFactory } from '../../src/api/connection-factory.js';
import { StepResult } from '../../src/engine/prepared.js';
import Database, { SqliteError } from '../../src/index.js';
import { ScriptedConnection, ScriptedStatement, type ScriptStep } from './support/scripted-connection.js';

let restore: (() => void) | null = null;
afterEach(() => restore?.());

function open(script: ScriptStep[], options: { timeout?: number; parameterCount?: number } = {}) {
  const connection = new ScriptedConnection();
  restore = useConnectionFactory(() => connection);
  const db = new Database(':memory:', { timeout: options.timeout ?? 5000 });
  const statement = new ScriptedStatement(connection, 'SELECT x', ['x'], script, options.parameterCount);
  connection.next = statement;
  return { db, connection, statement, prepared: db.prepare('SELECT x') };
}

describe('the API over resumable engine statements', () => {
  it('continues after Yield until a row is ready', () => {
    const { prepared, statement } = open([StepResult.Yield, StepResult.Yield, { row: [7n] }, StepResult.Done]);
    expect(prepared.get()).toEqual({ x: 7 });
    expect(statement.steps).toBe(3);
    expect(statement.resets).toBe(1);
  });

  it('waits out a short Busy and then reads', () => {
    const { prepared } = open([StepResult.Busy, StepResult.Busy, StepResult.Busy, { row: ['ok'] }, StepResult.Done]);
    expect(prepared.pluck().all()).toEqual(['ok']);
  });

  it('fails with SQLITE_BUSY once the timeout is spent', () => {
    const { prepared, statement } = open([StepResult.Busy], { timeout: 60 });
    const started = performance.now();
    let caught: unknown;
    try {
      prepared.get();
    } catch (error) {
      caught = error;
    }
    const elapsed = performance.now() - started;
    expect(caught).toBeInstanceOf(SqliteError);
    expect(caught).toMatchObject({ code: 'SQLITE_BUSY', message: 'database is locked' });
    expect(elapsed).toBeGreaterThanOrEqual(50);
    expect(elapsed).toBeLessThan(2000);
    expect(statement.resets).toBe(1);
  });

  it('fails at once with timeout 0', () => {
    const { prepared, statement } = open([StepResult.Busy], { timeout: 0 });
    expect(() => prepared.get()).toThrow('database is locked');
    expect(statement.steps).toBe(1);
  });

  it('rewinds and drops per-call bindings after an engine error, keeping the connection usable', () => {
    const { prepared, statement, db } = open([{ throws: new SqliteError('database disk image is malformed', 'SQLITE_CORRUPT') }], { parameterCount: 1 });
    expect(() => prepared.get(5)).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT' }));
    expect(statement.resets).toBe(1);
    expect(statement.bindings).toEqual([null]);
    expect(() => db.prepare('SELECT x')).not.toThrow(); // not left busy
  });

  it("rethrows a user function's own exception, not the engine's wrapper", () => {
    const { db, connection } = open([]);
    class CustomError extends Error {}
    const thrown = new CustomError('from user code');
    db.function('boom', () => {
      throw thrown;
    });
    connection.next = new ScriptedStatement(connection, 'SELECT boom()', ['r'], [{ callFunction: 'boom', args: [] }]);
    const statement = db.prepare('SELECT boom()');
    expect(() => statement.get()).toThrow(thrown);
    // The next failure is the engine's own again.
    connection.next = new ScriptedStatement(connection, 'SELECT 1', ['r'], [{ throws: new SqliteError('no', 'SQLITE_ERROR') }]);
    expect(() => db.prepare('SELECT 1').get()).toThrow(SqliteError);
  });

  it('copies blobs out of engine buffers and returns Buffers', () => {
    const engineBytes = new Uint8Array([1, 2, 3]);
    const { prepared } = open([{ row: [engineBytes] }, StepResult.Done]);
    const value = prepared.pluck().get() as Buffer;
    expect(Buffer.isBuffer(value)).toBe(true);
    engineBytes[0] = 99;
    expect([...value]).toEqual([1, 2, 3]);
  });

  it('binds copies of caller buffers', () => {
    const { prepared, statement } = open([{ row: [null] }], { parameterCount: 1 });
    const mine = Buffer.from([5, 6]);
    prepared.bind(mine);
    mine[0] = 0;
    expect([...(statement.bindings[0] as Uint8Array)]).toEqual([5, 6]);
  });
});
