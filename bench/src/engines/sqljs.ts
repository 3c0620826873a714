// sql.js (SQLite compiled to WASM): an in-memory engine, so "opening" a file means loading its bytes, and
// closing writes the whole image back.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import type { BindParams, Database as SqlJsDatabase, SqlJsStatic, Statement } from 'sql.js';
import { mutexSession } from './mutex-session.js';
import type { EngineAdapter, EngineConnection, EngineStatement, OpenOptions, Row, SqlParam } from './types.js';

let runtime: Promise<SqlJsStatic> | undefined;

function bindable(params: readonly SqlParam[]): BindParams {
  return params as unknown as BindParams;
}

function wrapStatement(statement: Statement, markDirty: () => void): EngineStatement {
  const drain = (params: readonly SqlParam[], onRow: (row: Row) => void): number => {
    statement.bind(bindable(params));
    let count = 0;
    try {
      while (statement.step()) {
        onRow(statement.get());
        count++;
      }
    } finally {
      statement.reset();
    }
    return count;
  };
  return {
    run: (params = []) => {
      markDirty();
      statement.run(bindable(params));
    },
    get: (params = []) => {
      statement.bind(bindable(params));
      try {
        return statement.step() ? statement.get() : undefined;
      } finally {
        statement.reset();
      }
    },
    all: (params = []) => {
      const rows: Row[] = [];
      drain(params, (row) => rows.push(row));
      return rows;
    },
    each: drain,
    finalize: () => void statement.free(),
  };
}

/**
 * A WAL-mode file (header bytes 18/19 = 2) cannot be opened from memory, so the loaded copy is flagged
 * rollback-journal; the page content is unchanged.
 */
function loadBytes(path: string): Uint8Array | undefined {
  if (!existsSync(path)) return undefined;
  const bytes: Uint8Array = readFileSync(path);
  if (bytes.length >= 100 && bytes[18] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return bytes;
}

export function openSqlJs(sql: SqlJsStatic, path: string, options: OpenOptions = {}): EngineConnection {
  const db: SqlJsDatabase = new sql.Database(loadBytes(path));
  if (options.cacheKiB !== undefined) db.run(`PRAGMA cache_size = -${options.cacheKiB}`);
  // Only connections that may have written (exec or run was called) write the image back on close, so a
  // read-only workload does not pay for (or measure the memory of) exporting the whole database.
  let dirty = false;
  const markDirty = (): void => {
    dirty = true;
  };
  return {
    exec: (text: string) => {
      dirty = true;
      db.exec(text);
    },
    prepare: (text: string) => wrapStatement(db.prepare(text), markDirty),
    // Writing the image back on close lets later steps (answer checks) reopen what this connection changed.
    close: () => {
      if (dirty) writeFileSync(path, db.export());
      db.close();
    },
  };
}

export async function loadSqlJs(): Promise<EngineAdapter> {
  runtime ??= initSqlJs();
  const sql = await runtime;
  return {
    id: 'sql.js',
    label: 'sql.js (WASM, in-memory)',
    storage: 'memory',
    open: async (path, options) => openSqlJs(sql, path, options),
    interactive: async (path) => mutexSession(openSqlJs(sql, path), '1 in-memory connection + async mutex, BEGIN IMMEDIATE'),
  };
}
