// better-sqlite3 (native SQLite 3.53): the reference engine whose answers the others must match.

import Database from 'better-sqlite3';
import { mutexSession } from './mutex-session.js';
import type { EngineAdapter, EngineConnection, EngineStatement, OpenOptions, Row } from './types.js';

type NativeStatement = Database.Statement<unknown[], unknown>;

function wrapStatement(statement: NativeStatement): EngineStatement {
  const returnsRows = statement.reader;
  if (returnsRows) statement.raw(true);
  return {
    run: (params = []) => void statement.run(...params),
    get: (params = []) => statement.get(...params) as Row | undefined,
    all: (params = []) => statement.all(...params) as Row[],
    each: (params, onRow) => {
      let count = 0;
      for (const row of statement.iterate(...params)) {
        onRow(row as Row);
        count++;
      }
      return count;
    },
    finalize: () => undefined,
  };
}

export function openBetterSqlite3(path: string, options: OpenOptions = {}): EngineConnection {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (options.cacheKiB !== undefined) db.pragma(`cache_size = -${options.cacheKiB}`);
  return {
    exec: (sql: string) => void db.exec(sql),
    prepare: (sql: string) => wrapStatement(db.prepare<unknown[]>(sql)),
    close: () => void db.close(),
  };
}

export async function loadBetterSqlite3(): Promise<EngineAdapter> {
  return {
    id: 'better-sqlite3',
    label: 'better-sqlite3',
    storage: 'file',
    open: async (path, options) => openBetterSqlite3(path, options),
    interactive: async (path) => mutexSession(openBetterSqlite3(path), '1 connection + async mutex, BEGIN IMMEDIATE'),
  };
}
