// Micro benchmark of the record and b-tree hot paths over an in-memory pager (not a vitest test).
// Run: cd packages/engine && ../../node_modules/.bin/esbuild test/btree/bench-btree.ts --bundle
//        --platform=node --format=esm --outfile=/tmp/bench-btree.mjs && node /tmp/bench-btree.mjs
// Optional argv: a row count (default 200000); "--repeat=N" runs N times and prints the best
// time per phase (default 3); "--open-reader" keeps a second cursor open on the table during
// inserts (exercises saving other cursors); "--table-only" skips the index phases.

import { createTree, formatEmptyDatabase, openIndexCursor, openTableCursor } from '../../src/btree/btree.js';
import { memoryVfs } from '../../src/os/memory-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import { encodeRecord, RecordReader } from '../../src/record/record.js';
import { rng } from './helpers.js';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const lookups = Math.floor(rows / 2);
const openReader = args.includes('--open-reader');
const onlyTable = args.includes('--table-only');
const repeat = Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);

// Best time per phase over the repeats (the machine is shared: the minimum is the signal).
const best = new Map<string, { ms: number; count: number }>();

function time(label: string, count: number, fn: () => void): void {
  const start = performance.now();
  fn();
  const ms = performance.now() - start;
  const previous = best.get(label);
  if (!previous || ms < previous.ms) best.set(label, { ms, count });
}

function run(): void {
  const pager = Pager.open(memoryVfs(), 'bench.db');
  const read = pager.beginRead();
  const write = pager.tryBeginWrite(read)!;
  formatEmptyDatabase(write);
  const tableRoot = createTree(write, 'table');
  const indexRoot = createTree(write, 'index');
  const table = openTableCursor(write, tableRoot);
  const reader = openReader ? openTableCursor(write, tableRoot) : null;
  reader?.first();

  time(`table insert x${rows} (sequential)`, rows, () => {
    for (let i = 1; i <= rows; i++) {
      table.insert(BigInt(i), encodeRecord([BigInt(i * 7), `name-${i}`, i * 0.5]));
    }
  });

  const random = rng(42);
  const reads = new RecordReader();
  let checksum = 0;
  time(`table point lookup x${lookups}`, lookups, () => {
    for (let i = 0; i < lookups; i++) {
      const rowid = BigInt(1 + Math.floor(random() * rows));
      if (table.seekRowid(rowid) !== 0) throw new Error('lookup missed');
      reads.reset(table.payload());
      checksum += reads.columnCount;
    }
  });

  time(`table full scan x${rows} (1 column)`, rows, () => {
    let n = 0;
    for (let ok = table.first(); ok; ok = table.next()) {
      reads.reset(table.payload());
      if (reads.column(1) !== undefined) n++;
    }
    if (n !== rows) throw new Error(`scan saw ${n}`);
  });

  if (onlyTable) return;
  const index = openIndexCursor(write, indexRoot);
  const keys: string[] = [];
  for (let i = 0; i < rows; i++) keys.push(`key-${Math.floor(random() * 1e9)}`);
  time(`index insert x${rows} (random text)`, rows, () => {
    for (let i = 0; i < rows; i++) index.insertIndex(encodeRecord([keys[i]!, BigInt(i + 1)]));
  });

  time(`index seek x${lookups} (text key)`, lookups, () => {
    for (let i = 0; i < lookups; i++) {
      const key = keys[Math.floor(random() * rows)]!;
      if (index.seekIndex([key], -1) < 0) index.next();
      if (index.eof) throw new Error('index seek missed');
    }
  });

  const intIndexRoot = createTree(write, 'index');
  const intIndex = openIndexCursor(write, intIndexRoot);
  time(`index insert x${rows} (sequential int)`, rows, () => {
    for (let i = 0; i < rows; i++) intIndex.insertIndex(encodeRecord([BigInt(i), BigInt(i + 1)]));
  });
  time(`index seek x${lookups} (int key)`, lookups, () => {
    for (let i = 0; i < lookups; i++) {
      const key = BigInt(Math.floor(random() * rows));
      if (intIndex.seekIndex([key], -1) < 0) intIndex.next();
      if (intIndex.eof) throw new Error('int index seek missed');
    }
  });

  time('commit', 1, () => write.commit());
  read.end();
  pages = pager.beginRead().pageCount() + checksum * 0;
}

let pages = 0;
for (let r = 0; r < repeat; r++) run();
for (const [label, { ms, count }] of best) {
  console.log(`${label.padEnd(38)} ${ms.toFixed(1).padStart(8)} ms  ${((count / ms) * 1000).toFixed(0).padStart(9)} ops/s`);
}
console.log(`pages: ${pages}`);
