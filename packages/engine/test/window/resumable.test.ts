// Window queries stepped in tiny time slices (every step() yields as soon as it may) give the same
// rows as run in one go: the window engine keeps all its progress in VM state between yields.

import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { runInSlices } from '../support/run-in-slices.js';

const rows = runInSlices;

describe('window queries in time slices', () => {
  it('yield and resume mid-partition with the same results', () => {
    const connection = openConnection(':memory:');
    try {
      connection.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, g, v)');
      const values = Array.from({ length: 2000 }, (_, i) => `(${i + 1}, ${i % 3}, ${(i * 37) % 101 === 0 ? 'NULL' : ((i * 7919) % 1000) / 8})`);
      connection.exec(`INSERT INTO t VALUES ${values.join(', ')}`);
      for (const sql of [
        'SELECT id, sum(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 50 PRECEDING AND 20 FOLLOWING), max(v) OVER (ORDER BY v RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM t ORDER BY id',
        'SELECT id, count(*) OVER (ORDER BY g GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING EXCLUDE TIES), rank() OVER (ORDER BY v), lag(v, 3) OVER (PARTITION BY g) FROM t',
      ]) {
        const whole = rows(connection, sql, false);
        const sliced = rows(connection, sql, true);
        expect(sliced.yields).toBeGreaterThan(100);
        expect(sliced.rows).toEqual(whole.rows);
        expect(whole.rows.length).toBe(2000);
      }
    } finally {
      connection.close();
    }
  });
});
