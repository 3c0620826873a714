// RIGHT / FULL JOIN with USING or NATURAL, against SQLite: the unqualified USING column is the right
// table's after RIGHT JOIN and coalesce() of both after FULL JOIN; `*` shows it once, where the left table has it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences, expectSameInMemory } from '../sql/differential.js';

const setup = [
  'CREATE TABLE a(x TEXT, y)',
  'CREATE TABLE b(x INT, z)',
  'CREATE TABLE c(x, w)',
  "INSERT INTO a VALUES('1', 1), ('2', 2), (NULL, 3)",
  'INSERT INTO b VALUES(1, 10), (3, 30), (NULL, 40)',
  "INSERT INTO c VALUES(3, 'c3'), (4, 'c4'), ('1', 'c1')",
];

describe('RIGHT and FULL JOIN with USING / NATURAL', () => {
  it('resolve the USING column as SQLite does', () => {
    expectSameInMemory([
      ...setup,
      'SELECT * FROM a RIGHT JOIN b USING(x) ORDER BY z',
      'SELECT x, typeof(x), a.x, b.x FROM a RIGHT JOIN b USING(x) ORDER BY z',
      'SELECT *, typeof(x) FROM a FULL JOIN b USING(x) ORDER BY y, z',
      'SELECT a.*, b.* FROM a RIGHT JOIN b USING(x) ORDER BY z',
      'SELECT a.*, b.* FROM a FULL JOIN b USING(x) ORDER BY y, z',
      'SELECT * FROM a NATURAL RIGHT JOIN b ORDER BY z',
      'SELECT * FROM a NATURAL FULL JOIN b ORDER BY y, z',
      "SELECT * FROM a RIGHT JOIN b USING(x) WHERE x = '1'",
      "SELECT * FROM a FULL JOIN b USING(x) WHERE x = '1'",
      'SELECT x FROM a FULL JOIN b USING(x) ORDER BY x',
      'SELECT x FROM a FULL JOIN b USING(x) ORDER BY x COLLATE NOCASE DESC',
      'SELECT count(*), x FROM a FULL JOIN b USING(x) GROUP BY x ORDER BY 2',
      'SELECT (SELECT count(*) FROM c WHERE c.x = x) FROM a FULL JOIN b USING(x) ORDER BY y, z',
      'SELECT * FROM a RIGHT JOIN b USING(x) JOIN c USING(x)',
      'SELECT * FROM a LEFT JOIN b USING(x) RIGHT JOIN c USING(x) ORDER BY w',
      'SELECT x FROM a JOIN b USING(x) RIGHT JOIN c USING(x) ORDER BY w',
      'SELECT * FROM a FULL JOIN b USING(x) LEFT JOIN c USING(x) ORDER BY y, z',
      'SELECT * FROM c RIGHT JOIN a USING(x) ORDER BY y',
      'SELECT * FROM a, c RIGHT JOIN b USING(x)',
      'SELECT * FROM a RIGHT JOIN b USING(nope)',
    ]);
  });
});

describe('several RIGHT / FULL JOINs in one FROM clause', () => {
  it('add each level\'s unmatched rows in written order', () => {
    expectSameInMemory([
      ...setup,
      'SELECT * FROM a RIGHT JOIN b ON a.y = b.z / 10 RIGHT JOIN c ON c.x = b.x ORDER BY 1, 2, 3, 4, 5, 6',
      'SELECT * FROM a FULL JOIN b ON a.y = b.z / 10 FULL JOIN c ON c.x = b.x ORDER BY 1, 2, 3, 4, 5, 6',
      'SELECT * FROM a FULL JOIN b USING(x) FULL JOIN c USING(x) ORDER BY 1, 2, 3, 4',
      'SELECT x, typeof(x) FROM a FULL JOIN b USING(x) FULL JOIN c USING(x) ORDER BY y, z, w',
      'SELECT * FROM a RIGHT JOIN b USING(x) FULL JOIN c USING(x) ORDER BY y, z, w',
      'SELECT * FROM a FULL JOIN b USING(x) RIGHT JOIN c USING(x) ORDER BY y, z, w',
      'SELECT * FROM a RIGHT JOIN b ON a.y < 3 JOIN c ON c.x = b.x RIGHT JOIN a AS d ON d.y = b.z / 10 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8',
      'SELECT * FROM a LEFT JOIN b ON a.x = b.x RIGHT JOIN c ON c.w > a.y FULL JOIN b AS e ON e.z = c.x * 10 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8',
      'SELECT count(*), sum(a.y), sum(b.z) FROM a FULL JOIN b ON a.x = b.x FULL JOIN c ON c.x = a.x WHERE c.w IS NULL OR b.z IS NOT NULL',
      'SELECT DISTINCT c.w FROM a RIGHT JOIN b ON 0 FULL JOIN c ON b.x = c.x ORDER BY 1',
      // An inner join's ON term reading only tables before a RIGHT JOIN still filters the rows that join adds.
      'SELECT * FROM a RIGHT JOIN b ON a.y = 1 JOIN c ON a.x IS NOT NULL ORDER BY 1, 2, 3, 4, 5, 6',
      'SELECT * FROM a FULL JOIN b ON a.y = 1 JOIN c ON a.y < c.x ORDER BY 1, 2, 3, 4, 5, 6',
      'SELECT * FROM a JOIN c ON a.y < c.x RIGHT JOIN b ON a.y = 1 ORDER BY 1, 2, 3, 4, 5, 6',
      // ...and one with a subquery (read as if it read every table) does not filter the rows a later RIGHT JOIN adds.
      'SELECT * FROM a JOIN b ON (SELECT a.y) = b.z / 10 FULL JOIN c ON 0 ORDER BY 1, 2, 3, 4, 5, 6',
      'SELECT * FROM a RIGHT JOIN b ON a.y = 1 JOIN c ON (SELECT a.x) IS NULL FULL JOIN a AS d ON d.y = 3 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8',
    ]);
  });
});

describe('result-column metadata of the USING column', () => {
  it('names the right table for RIGHT JOIN and no table for FULL JOIN', () => {
    const connection = openConnection(':memory:');
    const oracle = new Database(':memory:');
    try {
      expect(differences(connection, oracle, setup)).toEqual([]);
      for (const sql of [
        'SELECT * FROM a RIGHT JOIN b USING(x)',
        'SELECT x FROM a RIGHT JOIN b USING(x)',
        'SELECT * FROM a FULL JOIN b USING(x)',
        'SELECT x, a.x FROM a FULL JOIN b USING(x)',
        'SELECT a.*, b.* FROM a NATURAL RIGHT JOIN b',
        'SELECT * FROM a JOIN b USING(x) RIGHT JOIN c USING(x)',
      ]) {
        const { statement } = connection.prepare(sql);
        const got = statement!.columns.map((c) => [c.name, c.column, c.table, c.type]);
        statement!.finalize();
        expect([sql, got]).toEqual([sql, oracle.prepare(sql).columns().map((c) => [c.name, c.column, c.table, c.type])]);
      }
    } finally {
      connection.close();
      oracle.close();
    }
  });
});
