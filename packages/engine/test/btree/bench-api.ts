// End-to-end benchmark through the public API next to better-sqlite3 (not a vitest test): the
// same 200k-row insert in one transaction, 100k point lookups by rowid and a full scan.
// Run: cd packages/engine && ../../node_modules/.bin/esbuild test/btree/bench-api.ts --bundle
//        --platform=node --format=cjs --external:better-sqlite3 --outfile=/tmp/bench-api.cjs
//      && NODE_PATH=$PWD/../../node_modules node /tmp/bench-api.cjs [rows] [--repeat=N]

import BetterSqlite from 'better-sqlite3';
import Tandem from '../../src/index.js';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const lookups = Math.floor(rows / 2);
const repeat = Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);

interface Db {
  exec(sql: string): unknown;
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
  db.close();
  return times;
}

function best(open: () => Db): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = 0; r < repeat; r++) {
    for (const [label, ms] of phases(open)) out.set(label, Math.min(ms, out.get(label) ?? Infinity));
  }
  return out;
}

const tandem = best(() => new Tandem(':memory:') as unknown as Db);
const native = best(() => new BetterSqlite(':memory:') as unknown as Db);
console.log(`${'phase'.padEnd(30)} ${'tandem ms'.padStart(10)} ${'b-sqlite3 ms'.padStart(13)} ${'ratio'.padStart(7)}`);
for (const [label, ms] of tandem) {
  const other = native.get(label)!;
  console.log(`${label.padEnd(30)} ${ms.toFixed(1).padStart(10)} ${other.toFixed(1).padStart(13)} ${(ms / other).toFixed(2).padStart(7)}`);
}
