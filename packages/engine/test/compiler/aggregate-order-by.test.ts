// ORDER BY inside aggregate calls (SQLite 3.44+): the call's rows are stepped in its own order,
// with and without GROUP BY (hash and sorter paths), with DISTINCT, FILTER, collations and NULLS.

import { describe, it } from 'vitest';
import { expectSameInMemory } from '../sql/differential.js';
import { describeDifferential } from '../api/support/differential.js';

const t = [
  'CREATE TABLE t(a, b, c)',
  "INSERT INTO t VALUES (1, 'x', 3), (2, 'y', 1), (3, 'x', 1), (4, 'Y', 2), (5, 'x', NULL), (6, 'a', 1), (1, 'z', 1), (7, 'X', NULL)",
];

describe('aggregate ORDER BY', () => {
  it('orders the rows of a call without GROUP BY', () => {
    expectSameInMemory([
      ...t,
      "WITH s(x) AS (VALUES (3), (1), (2)) SELECT group_concat(x, '|' ORDER BY x) FROM s",
      "SELECT group_concat(a, '|' ORDER BY c) FROM t",
      "SELECT group_concat(a, '|' ORDER BY c DESC) FROM t",
      "SELECT group_concat(a ORDER BY c NULLS LAST, a DESC) FROM t",
      "SELECT group_concat(a ORDER BY c DESC NULLS FIRST) FROM t",
      'SELECT group_concat(b ORDER BY b) FROM t',
      'SELECT group_concat(b ORDER BY b COLLATE NOCASE, a DESC) FROM t',
      "SELECT string_agg(a, ',' ORDER BY b COLLATE NOCASE, c DESC NULLS LAST) FROM t",
      'SELECT json_group_array(a ORDER BY c, a) FROM t',
      'SELECT json_group_object(b, a ORDER BY a DESC) FROM t',
      "SELECT json_group_array(json('[' || a || ']') ORDER BY c) FROM t",
      'SELECT group_concat(a ORDER BY (SELECT 1)) FROM t',
      'SELECT group_concat(a ORDER BY c), group_concat(a ORDER BY -a), group_concat(a) FROM t',
      'SELECT group_concat(a ORDER BY c) FROM t WHERE 0',
      'SELECT sum(a ORDER BY c), count(a ORDER BY b), total(a ORDER BY a) FROM t',
      'SELECT min(a ORDER BY c), b FROM t',
      'SELECT max(a ORDER BY c), b FROM t',
    ]);
  });

  it('combines with DISTINCT and FILTER', () => {
    expectSameInMemory([
      ...t,
      'SELECT group_concat(DISTINCT b ORDER BY c) FROM t',
      'SELECT group_concat(DISTINCT b ORDER BY b) FROM t',
      'SELECT group_concat(DISTINCT a ORDER BY c DESC) FROM t',
      'SELECT group_concat(DISTINCT b COLLATE NOCASE ORDER BY b DESC) FROM t',
      'SELECT group_concat(a ORDER BY c) FILTER (WHERE a > 2) FROM t',
      'SELECT group_concat(DISTINCT b ORDER BY a) FILTER (WHERE c IS NOT NULL) FROM t',
    ]);
  });

  it('orders each group (hash and sorter GROUP BY)', () => {
    expectSameInMemory([
      ...t,
      'SELECT b, group_concat(a ORDER BY c NULLS LAST, a DESC) FROM t GROUP BY b',
      'SELECT b, group_concat(a ORDER BY a DESC) FILTER (WHERE c > 0), group_concat(DISTINCT c ORDER BY c DESC) FROM t GROUP BY b',
      // A NOCASE key has a hashable form; json_group_array of json() needs subtypes: the sorter path.
      'SELECT b COLLATE NOCASE, group_concat(a ORDER BY b, a DESC) FROM t GROUP BY 1',
      "SELECT c, json_group_array(json('[' || a || ']') ORDER BY a DESC) FROM t GROUP BY c",
      'SELECT c, group_concat(b ORDER BY b COLLATE NOCASE DESC) FROM t GROUP BY c HAVING group_concat(a ORDER BY a) > 1 ORDER BY group_concat(a ORDER BY -a)',
    ]);
  });

  it('works in correlated subqueries', () => {
    expectSameInMemory([
      ...t,
      'SELECT a, (SELECT group_concat(x ORDER BY -x) FROM (SELECT a AS x FROM t AS u WHERE u.b = t.b)) FROM t',
      'SELECT b, (SELECT group_concat(t.a ORDER BY t.c)) FROM t GROUP BY b',
      'SELECT b, (SELECT group_concat(u.a ORDER BY t.a * u.c) FROM t AS u WHERE u.b = t.b) FROM t',
      'SELECT group_concat(a ORDER BY (SELECT count(*) FROM t AS u WHERE u.c > t.c), a) FROM t',
    ]);
  });

  it('works beside window functions and in compounds', () => {
    expectSameInMemory([
      ...t,
      'SELECT b, group_concat(a ORDER BY c DESC), row_number() OVER (ORDER BY b) FROM t GROUP BY b',
      'SELECT b, sum(count(*)) OVER (ORDER BY group_concat(a ORDER BY -a)) FROM t GROUP BY b',
      'SELECT group_concat(a ORDER BY a DESC) FROM t UNION ALL SELECT group_concat(c ORDER BY c) FROM t',
      'CREATE VIEW v AS SELECT b, group_concat(a, \'-\' ORDER BY c DESC, a) AS g FROM t GROUP BY b',
      'SELECT * FROM v',
    ]);
  });

  it('is refused or ignored where SQLite refuses or ignores it', () => {
    expectSameInMemory([
      ...t,
      // Without arguments the ORDER BY is dropped at parse time; count(* ORDER BY) is a syntax error.
      'SELECT count(ORDER BY a), count(* ORDER BY c) FROM t',
      'SELECT count(ORDER BY a) FROM t',
      'SELECT row_number(ORDER BY a) OVER (), rank(ORDER BY a DESC) OVER (ORDER BY a), count(ORDER BY a) OVER () FROM t',
      'SELECT random(ORDER BY a) IS NOT NULL, changes(ORDER BY a) FROM t',
      'SELECT ntile(2 ORDER BY a) OVER (ORDER BY b) FROM t',
      'SELECT lag(a ORDER BY a) OVER () FROM t',
      'SELECT sum(a ORDER BY c) OVER () FROM t',
      'SELECT lower(b ORDER BY c) FROM t',
      'SELECT group_concat(a ORDER BY c) OVER () FROM t',
      'SELECT group_concat(a ORDER BY count(*)) FROM t',
      'SELECT group_concat(a ORDER BY nosuch) FROM t',
    ]);
  });
});

describeDifferential('aggregate ORDER BY on user aggregates', {
  'db.aggregate() steps in the call order': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE t(g, v, k); INSERT INTO t VALUES (1, 'a', 3), (1, 'b', 1), (2, 'c', 2), (2, 'd', NULL), (1, 'e', 2)");
    db.aggregate('collect', { start: () => [] as unknown[], step: (acc: unknown[], v: unknown) => void acc.push(v), result: (acc: unknown[]) => acc.join('|') });
    db.aggregate('pairs', { varargs: true, start: () => [] as unknown[], step: (acc: unknown[], ...args: unknown[]) => void acc.push(args.join(':')), result: (acc: unknown[]) => acc.join(',') });
    probe('no GROUP BY', () => db.prepare('SELECT collect(v ORDER BY k DESC) AS c FROM t').get());
    probe('grouped', () => db.prepare('SELECT g, collect(v ORDER BY k NULLS LAST) AS c, collect(DISTINCT g ORDER BY v DESC) AS d FROM t GROUP BY g ORDER BY g').all());
    probe('varargs', () => db.prepare('SELECT pairs(g, v ORDER BY v DESC) AS p FROM t').get());
  },
});
