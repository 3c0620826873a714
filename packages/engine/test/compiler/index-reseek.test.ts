// Index loops re-seeked once per outer row (correlated subqueries): the seek that searches only the
// cursor's current leaf (btree/cursor.ts seekIndexInLeaf), integer keys compared as numbers
// (vm/ops/cursor.ts keyValue), end tests reusing the seek key, NOT NULL columns without a NULL
// bound test, and min()/max() without bare columns. Differential against SQLite.
import { describe, it } from 'vitest';
import { expectSameInMemory } from '../sql/differential.js';

// A few thousand entries with wide keys: the index spans many leaves and interior levels.
const setup = [
  `CREATE TABLE k(id INTEGER PRIMARY KEY, v)`,
  `CREATE TABLE t(id INTEGER PRIMARY KEY, g NOT NULL, q INTEGER NOT NULL, pad TEXT, amount REAL)`,
  `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
     INSERT INTO t SELECT i, CASE WHEN i % 97 = 0 THEN 'g' || (i % 13) WHEN i % 89 = 0 THEN (i % 50) + 0.5
       WHEN i % 83 = 0 THEN 9007199254740993 + (i % 3) ELSE (i * 7) % 300 END,
       i % 10, printf('%.*c', 20 + i % 40, 'x'), (i * 37) % 1000 / 10.0 FROM n`,
  `CREATE INDEX t_g ON t(g, q, pad)`,
  `CREATE INDEX t_q ON t(q)`,
  `WITH RECURSIVE n(i) AS (SELECT -5 UNION ALL SELECT i + 1 FROM n WHERE i < 310)
     INSERT INTO k(v) SELECT i FROM n`,
  `INSERT INTO k(v) VALUES (NULL), (2.5), (17.0), ('g3'), ('g12'), ('zz'), (x'00'), (9007199254740993), (9007199254740994), (9007199254740992), (-9007199254740993), (25.5)`,
];

describe('index re-seeks per outer row', () => {
  for (const order of ['v', 'v DESC', '(v * 7919) % 311', 'id']) {
    it(`correlated subqueries, outer rows ordered by ${order}`, () => {
      expectSameInMemory([
        ...setup,
        `SELECT k.v, (SELECT count(*) FROM t WHERE t.g = k.v), (SELECT max(t.amount) FROM t WHERE t.g = k.v),
           EXISTS (SELECT 1 FROM t WHERE t.g = k.v AND t.q = 3), (SELECT min(q) FROM t WHERE t.g = k.v AND t.q > 4),
           (SELECT group_concat(id) FROM (SELECT id FROM t WHERE t.g = k.v AND t.q < 6 ORDER BY q DESC, pad DESC LIMIT 3))
         FROM k ORDER BY ${order}`,
        `SELECT k.v, (SELECT count(*) FROM t WHERE t.g >= k.v AND t.g < k.v + 3) FROM k ORDER BY ${order}`,
      ]);
    });
  }

  it('reverse scans over a NOT NULL column with LIMIT, and max() with and without bare columns', () => {
    expectSameInMemory([
      ...setup,
      `SELECT id, q FROM t WHERE q < 4 ORDER BY q DESC LIMIT 25`,
      `SELECT id, q FROM t WHERE q <= 0 ORDER BY q DESC LIMIT 5`,
      `SELECT id, q, g FROM t WHERE g = 17 AND q < 8 ORDER BY q DESC`,
      `SELECT id, g, q FROM t WHERE g = 17 ORDER BY q DESC`,
      `SELECT max(amount) FROM t WHERE g = 17`,
      `SELECT max(amount), id FROM t WHERE g = 17`,
      `SELECT min(amount), q FROM t WHERE g = 17`,
      `SELECT g, max(amount) FROM t GROUP BY g ORDER BY g LIMIT 20`,
      `SELECT g, max(amount), id FROM t GROUP BY g ORDER BY g LIMIT 20`,
    ]);
  });
});
