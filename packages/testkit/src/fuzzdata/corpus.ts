// SQLite's fuzz corpora (sqlite-fuzzdata/fuzzdata*.db, table xsql(sqlid, sqltext)): lists the
// scripts and reads one by id. A script id is "<file stem>:<sqlid>", e.g. "fuzzdata6:123".

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openSqlite } from '../driver.js';

export interface FuzzScriptRef {
  id: string;
  /** The fuzzdata database file. */
  file: string;
  sqlid: number;
}

/** Every script of every fuzzdata*.db in the folder, in file then sqlid order. */
export function listFuzzScripts(folder: string): FuzzScriptRef[] {
  const refs: FuzzScriptRef[] = [];
  for (const name of readdirSync(folder).filter((n) => /^fuzzdata.*\.db$/.test(n)).sort()) {
    const file = join(folder, name);
    const db = openSqlite({ path: file, readonly: true });
    try {
      for (const [sqlid] of db.query('SELECT sqlid FROM xsql ORDER BY sqlid').rows) {
        refs.push({ id: `${basename(name, '.db')}:${sqlid}`, file, sqlid: Number(sqlid) });
      }
    } finally {
      db.close();
    }
  }
  return refs;
}

const open = new Map<string, ReturnType<typeof openSqlite>>();

/** The text of one script (the database stays open for the next read from the same file). */
export function readFuzzScript(ref: Pick<FuzzScriptRef, 'file' | 'sqlid'>): string {
  let db = open.get(ref.file);
  if (!db) {
    db = openSqlite({ path: ref.file, readonly: true });
    open.set(ref.file, db);
  }
  const value = db.query('SELECT sqltext FROM xsql WHERE sqlid = ?', [BigInt(ref.sqlid)]).rows[0]?.[0];
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return value === null || value === undefined ? '' : String(value);
}

/** The CI subset: every k-th script (ids stay stable as long as the corpus does). */
export function everyKth<T>(items: readonly T[], k: number): T[] {
  return k <= 1 ? [...items] : items.filter((_, i) => i % k === 0);
}
