// Page-access benchmark through the public API next to better-sqlite3 (not a vitest test): a
// 200k-row insert in one transaction, 100k point lookups by rowid, a full scan, and 20k
// autocommit single-row inserts, on ":memory:" or (with --file) on a WAL database in a temp dir.
// Run: cd packages/engine && ../../node_modules/.bin/esbuild test/pager/bench-page-access.ts --bundle
//        --platform=node --format=cjs --external:better-sqlite3 --outfile=/tmp/bench-page-access.cjs
//      && NODE_PATH=$PWD/../../node_modules node /tmp/bench-page-access.cjs [rows] [--repeat=N] [--file]

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import BetterSqlite from 'better-sqlite3';
import Tandem from '../../src/index.js';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const lookups = Math.floor(rows / 2);
const autocommits = Math.floor(rows / 10);
const repeat = Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
const onFile = args.includes('--file');

interface Db {
  exec(sql: string): unknown;
  pragma(sql: string): unknown;
  prepare(sql: string): {
    run(...params: unknown[]): unknown;
    get(...params: unknown[]): unknown;
    raw(on?: boolean): { iterate(...params: unknown[]): Iterable<unknown> };
  };
  transaction(fn: () => void): () => void;
  close(): unknown;
}

function phases(open: () => Db): Map<string, number> {
  const times = new Map<string, number>();
  const time = (label: string, fn: () => void): void => {
    const start = performance.now();
    fn();
    times.set(label, performance.now() - start);
  };
  const db = open();
  db.exec('CREATE TABLE t(a INTEGER, b TEXT, c REAL)');
  const insert = db.prepare('INSERT INTO t(rowid, a, b, c) VALUES (?, ?, ?, ?)');
  time(`insert ${rows} (one transaction)`, () => {
    db.transaction(() => {
      for (let i = 1; i <= rows; i++) insert.run(i, i * 7, `name-${i}`, i * 0.5);
    })();
  });
  const select = db.prepare('SELECT a, b, c FROM t WHERE rowid = ?');
  let seed = 7;
  time(`point lookup ${lookups}`, () => {
    for (let i = 0; i < lookups; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      if (!select.get(1 + (seed % rows))) throw new Error('lookup missed');
    }
  });
  time(`full scan ${rows}`, () => {
    let n = 0;
    for (const _ of db.prepare('SELECT b FROM t').raw().iterate()) n++;
    if (n !== rows) throw new Error(`scan saw ${n}`);
  });
  time(`autocommit insert ${autocommits}`, () => {
    for (let i = 1; i <= autocommits; i++) insert.run(rows + i, i, `more-${i}`, i * 0.25);
  });
  db.close();
  return times;
}

const tempDirs: string[] = [];

function opener(make: (file: string) => Db): () => Db {
  if (!onFile) return () => make(':memory:');
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
    tempDirs.push(dir);
    const db = make(path.join(dir, 'bench.db'));
    db.pragma('journal_mode = WAL');
    return db;
  };
}

function best(open: () => Db): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = 0; r < repeat; r++) {
    for (const [label, ms] of phases(open)) out.set(label, Math.min(ms, out.get(label) ?? Infinity));
  }
  return out;
}

const tandem = best(opener((file) => new Tandem(file) as unknown as Db));
const native = best(opener((file) => new BetterSqlite(file) as unknown as Db));
for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
console.log(`${onFile ? 'file (WAL)' : ':memory:'}`);
console.log(`${'phase'.padEnd(30)} ${'tandem ms'.padStart(10)} ${'b-sqlite3 ms'.padStart(13)} ${'ratio'.padStart(7)}`);
for (const [label, ms] of tandem) {
  const other = native.get(label)!;
  console.log(`${label.padEnd(30)} ${ms.toFixed(1).padStart(10)} ${other.toFixed(1).padStart(13)} ${(ms / other).toFixed(2).padStart(7)}`);
}
