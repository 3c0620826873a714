// Statement-path benchmark (not a vitest test): the bench harness's workloads, through the public sync
// API, on Tandem and better-sqlite3 in one process; prints each engine's best time and the ratio.
// Run: cd packages/engine && ../../node_modules/.bin/esbuild test/perf/bench-statements.ts --bundle
//        --platform=node --format=cjs --external:better-sqlite3 --outfile=/tmp/bench-statements.cjs
//      && NODE_PATH=$PWD/../../node_modules node /tmp/bench-statements.cjs [orders] [--repeat=N] [--only=name,...] [--cpu]
// GROUP BY over 1M rows (issue 3): pass 1000000 --only=group-by.
// Profile: add --cpu-prof --cpu-prof-dir=/tmp/prof before the .cjs, and --engine=tandem to skip the oracle.

import BetterSqlite from 'better-sqlite3';
import * as fs from 'node:fs';
import Tandem from '../../src/index.js';

const args = process.argv.slice(2);
const orders = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const repeat = Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const engineFilter = args.find((a) => a.startsWith('--engine='))?.slice(9);
// --cpu: time by the process's CPU time (user + system) instead of wall time: steadier on a busy machine.
const cpuTime = args.includes('--cpu');
const now = cpuTime
  ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
  : () => performance.now();

interface Stmt {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  raw(on?: boolean): Stmt;
}
interface Db {
  exec(sql: string): unknown;
  prepare(sql: string): Stmt;
  close(): unknown;
}
type Open = (path: string) => Db;

const createdBase = 1_700_000_000;
let seed = 42;
function rand(lo: number, hi: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return lo + (seed % (hi - lo + 1));
}
function word(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(97 + rand(0, 25));
  return s;
}

/** The bench's shop fixture shape, written by better-sqlite3. */
function buildShop(path: string): void {
  const db = new BetterSqlite(path);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, region INTEGER NOT NULL);
    CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER NOT NULL, price REAL NOT NULL);
    CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
      qty INTEGER NOT NULL, amount REAL NOT NULL, created INTEGER NOT NULL, note TEXT);`);
  db.transaction(() => {
    const customer = db.prepare('INSERT INTO customers VALUES (?, ?, ?)');
    for (let id = 1; id <= orders / 10; id++) customer.run(id, word(8), rand(0, 9));
    const product = db.prepare('INSERT INTO products VALUES (?, ?, ?, ?)');
    for (let id = 1; id <= 1000; id++) product.run(id, word(10), rand(0, 19), rand(100, 20_000) / 100);
    const order = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let id = 1; id <= orders; id++) {
      const qty = rand(1, 10);
      const note = rand(0, 9) < 3 ? null : word(rand(4, 24));
      order.run(id, rand(1, orders / 10), rand(1, 1000), qty, qty * rand(100, 20000) / 100, createdBase + id * 10 + rand(0, 9), note);
    }
  })();
  db.exec('CREATE INDEX orders_created ON orders(created); CREATE INDEX orders_customer ON orders(customer_id, qty);');
  db.close();
}

type Workload = (db: Db) => number;

const workloads: Record<string, { fresh?: boolean; run: Workload }> = {
  'bulk-insert': {
    fresh: true,
    run(db) {
      db.exec('CREATE TABLE bulk(id INTEGER PRIMARY KEY, a INTEGER NOT NULL, b REAL NOT NULL, c TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO bulk VALUES (?, ?, ?, ?)');
      db.exec('BEGIN');
      for (let i = 0; i < orders; i++) insert.run(i + 1, (i * 7919) % 1_000_000, (i % 100_000) / 8, 'word' + (i % 977));
      db.exec('COMMIT');
      return (db.prepare('SELECT count(*) FROM bulk').raw().get() as unknown[])[0] as number;
    },
  },
  'point-lookup': {
    run(db) {
      const lookup = db.prepare('SELECT customer_id, qty, amount FROM orders WHERE id = ?').raw();
      let found = 0;
      for (let i = 0; i < orders / 2; i++) if (lookup.get(1 + ((i * 7919) % Math.ceil(orders * 1.01)))) found++;
      return found;
    },
  },
  'full-scan': {
    run(db) {
      return db.prepare('SELECT id, customer_id, amount, note FROM orders').raw().all().length;
    },
  },
  'filtered-scan': {
    run(db) {
      return db.prepare("SELECT id, customer_id AS customer, amount, note FROM orders WHERE qty = 7 AND amount > 300 AND note LIKE '%a%' ORDER BY id").raw().all().length;
    },
  },
  'group-by': {
    run(db) {
      return db.prepare('SELECT product_id AS product, count(*) AS n, sum(qty) AS q, total(amount) AS revenue FROM orders GROUP BY product_id ORDER BY product_id').raw().all().length;
    },
  },
  'order-by-limit': {
    run(db) {
      const s = db.prepare('SELECT id, created, amount FROM orders WHERE created < ? ORDER BY created DESC LIMIT 20').raw();
      let n = 0;
      for (let i = 0; i < 200; i++) n += s.all(createdBase + ((i * 7919) % (orders * 10))).length;
      return n;
    },
  },
  'index-range-aggregate': {
    run(db) {
      const s = db.prepare('SELECT count(*) AS n, sum(qty) AS q, min(amount) AS lo, max(amount) AS hi FROM orders WHERE created BETWEEN ? AND ?').raw();
      const span = Math.max(10, Math.floor(orders * 10 * 0.01));
      let n = 0;
      for (let i = 0; i < 200; i++) {
        const low = createdBase + ((i * 7919) % (orders * 10 - span));
        n += (s.get(low, low + span) as unknown[])[0] as number;
      }
      return n;
    },
  },
  'three-table-join': {
    run(db) {
      return db.prepare(`SELECT c.region AS region, p.category AS category, count(*) AS n, sum(o.qty) AS q
          FROM orders o JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id = o.product_id
         WHERE p.price > 50 GROUP BY c.region, p.category ORDER BY c.region, p.category`).raw().all().length;
    },
  },
  'correlated-subquery': {
    run(db) {
      return db.prepare(`SELECT c.id AS id, (SELECT max(o.amount) FROM orders o WHERE o.customer_id = c.id) AS top,
          EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.qty = 10) AS bulk_buyer
          FROM customers c WHERE c.id % 4 = 0 ORDER BY c.id`).raw().all().length;
    },
  },
  'recursive-cte': {
    run(db) {
      const s = db.prepare(`WITH RECURSIVE seq(n, acc) AS (SELECT 1, 7 UNION ALL SELECT n + 1, (acc * 31 + n) % 1000003 FROM seq WHERE n < ?)
          SELECT count(*) AS n, sum(acc) AS total, max(acc) AS top FROM seq`).raw();
      return (s.get(orders * 2.5) as unknown[])[1] as number;
    },
  },
};

function openEngine(Ctor: new (path: string) => Db): Open {
  return (path) => {
    const db = new Ctor(path);
    for (const pragma of ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL']) {
      try {
        db.exec(pragma);
      } catch {
        // The bench harness also skips pragmas an engine does not know.
      }
    }
    return db;
  };
}

const engines: [string, Open][] = [
  ['better-sqlite3', openEngine(BetterSqlite as unknown as new (path: string) => Db)],
  ['tandem', openEngine(Tandem as unknown as new (path: string) => Db)],
];

const dir = fs.mkdtempSync('/tmp/bench-statements-');
const shop = `${dir}/shop.db`;
buildShop(shop);
console.log(`orders=${orders} repeat=${repeat}`);
for (const [name, workload] of Object.entries(workloads)) {
  if (only && !only.includes(name)) continue;
  const best = new Map<string, number>();
  const answers = new Map<string, number>();
  for (let r = 0; r < repeat; r++) {
    for (const [engine, open] of engines) {
      if (engineFilter && engine !== engineFilter) continue;
      const path = `${dir}/${engine}-${name}.db`;
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path + suffix, { force: true });
      if (!workload.fresh) fs.copyFileSync(shop, path);
      const db = open(path);
      const started = now();
      const answer = workload.run(db);
      const ms = now() - started;
      db.close();
      best.set(engine, Math.min(best.get(engine) ?? Infinity, ms));
      answers.set(engine, answer);
    }
  }
  const b = best.get('better-sqlite3');
  const t = best.get('tandem');
  const agree = new Set(answers.values()).size === 1 ? '' : `  ANSWERS DIFFER ${JSON.stringify([...answers])}`;
  console.log(
    `${name.padEnd(24)} bsq ${b?.toFixed(1).padStart(8) ?? '     n/a'} ms  tandem ${t?.toFixed(1).padStart(8) ?? '     n/a'} ms  ratio ${b && t ? (t / b).toFixed(2) : 'n/a'}x${agree}`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
