// Seeded random workloads run on Tandem and on SQLite side by side: inserts, updates, deletes
// and conflict clauses over indexed tables, with queries (index lookups, ranges, aggregates,
// ordering) compared after every step.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection } from '../../src/internal.js';
import { differences } from './differential.js';

import { seededRandom as rng } from '../../src/common/random.js';

function value(r: () => number): SqlValue {
  const k = Math.floor(r() * 9);
  switch (k) {
    case 0:
      return null;
    case 1:
    case 2:
      return BigInt(Math.floor(r() * 40) - 10);
    case 3:
      return Math.floor(r() * 80) / 4;
    case 4:
      return String(Math.floor(r() * 30));
    case 5:
      return ['a', 'B', 'b', 'abc', 'Abc', ' x', ''][Math.floor(r() * 7)]!;
    case 6:
      return new Uint8Array([Math.floor(r() * 3), 65]);
    default:
      return BigInt(Math.floor(r() * 15));
  }
}

describe('random workloads', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: results match SQLite after every statement`, () => {
      const r = rng(seed * 7919);
      const tandem = openConnection(':memory:');
      const oracle = new Database(':memory:');
      const setup = [
        'CREATE TABLE t(id INTEGER PRIMARY KEY, a INT, b TEXT COLLATE NOCASE, c REAL, d, UNIQUE(a, d))',
        'CREATE INDEX t_b ON t(b)',
        'CREATE INDEX t_c ON t(c DESC, a)',
        'CREATE INDEX t_d ON t(d) WHERE d IS NOT NULL',
      ];
      expect(differences(tandem, oracle, setup)).toEqual([]);
      const columns = ['a', 'b', 'c', 'd'];
      const ops: (() => [string, SqlValue[]])[] = [
        () => ['INSERT INTO t(a, b, c, d) VALUES (?, ?, ?, ?)', [value(r), value(r), value(r), value(r)]],
        () => ['INSERT OR IGNORE INTO t(id, a, b, c, d) VALUES (?, ?, ?, ?, ?)', [BigInt(Math.floor(r() * 60)), value(r), value(r), value(r), value(r)]],
        () => ['INSERT OR REPLACE INTO t(id, a, d) VALUES (?, ?, ?)', [BigInt(Math.floor(r() * 60)), value(r), value(r)]],
        () => [`UPDATE t SET ${columns[Math.floor(r() * 4)]} = ? WHERE ${columns[Math.floor(r() * 4)]} = ?`, [value(r), value(r)]],
        () => ['UPDATE OR IGNORE t SET a = a + 1 WHERE id % 3 = ?', [BigInt(Math.floor(r() * 3))]],
        () => [`DELETE FROM t WHERE ${columns[Math.floor(r() * 4)]} < ?`, [value(r)]],
        () => ['DELETE FROM t WHERE id = ?', [BigInt(Math.floor(r() * 60))]],
      ];
      const queries: (() => [string, SqlValue[]])[] = [
        () => ['SELECT * FROM t ORDER BY id', []],
        () => [`SELECT id FROM t WHERE ${columns[Math.floor(r() * 4)]} = ? ORDER BY id`, [value(r)]],
        () => [`SELECT id, c FROM t WHERE c > ? AND c <= ? ORDER BY id`, [value(r), value(r)]],
        () => [`SELECT id FROM t WHERE a >= ? ORDER BY id`, [value(r)]],
        () => [`SELECT id FROM t WHERE id > ? AND id < ? ORDER BY id`, [value(r), value(r)]],
        () => [`SELECT b, count(*), sum(a), max(c) FROM t GROUP BY b ORDER BY 1, 2`, []],
        () => [`SELECT DISTINCT quote(d) FROM t ORDER BY 1`, []],
        () => [`SELECT a, b FROM t ORDER BY b, a DESC, id LIMIT 5 OFFSET 2`, []],
        () => [`SELECT count(*), total(c), avg(a), min(b), max(d) FROM t WHERE b IN ('a', 'abc', ?)`, [value(r)]],
      ];
      for (let step = 0; step < 150; step++) {
        const op = ops[Math.floor(r() * ops.length)]!();
        const query = queries[Math.floor(r() * queries.length)]!();
        const diffs = differences(tandem, oracle, [op, query]);
        if (diffs.length > 0) throw new Error(`step ${step}:\n${diffs.join('\n')}`);
      }
      expect(differences(tandem, oracle, ['PRAGMA integrity_check', 'SELECT count(*) FROM t'])).toEqual([]);
      tandem.close();
      oracle.close();
    });
  }
});
