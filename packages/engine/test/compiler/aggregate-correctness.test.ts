import { describe, it } from 'vitest';
import { expectSameInMemory } from '../sql/differential.js';

const t = ['CREATE TABLE t(a,b)', 'INSERT INTO t VALUES(1,10),(1,11),(2,20),(3,30),(3,31)'];
describe('probe', () => {
  it('q1', () => expectSameInMemory([...t, 'SELECT a, (SELECT count(*) FROM t AS u WHERE u.a = t.a) FROM t GROUP BY a']));
  it('q1b', () => expectSameInMemory([...t, 'SELECT a, (SELECT t.a + 100) FROM t GROUP BY a']));
  it('q1c', () => expectSameInMemory([...t, 'SELECT a, (SELECT t.b + 100) FROM t GROUP BY a']));
  it('q1d', () => expectSameInMemory([...t, 'SELECT a FROM t GROUP BY a HAVING (SELECT count(*) FROM t AS u WHERE u.a = t.a) > 1']));
  it('q1e', () => expectSameInMemory([...t, 'SELECT a FROM t GROUP BY a ORDER BY (SELECT max(b) FROM t AS u WHERE u.a = t.a) DESC']));
  it('q1f', () => expectSameInMemory([...t, 'SELECT a, (SELECT sum(u.b) FROM t AS u WHERE u.a = t.a), sum(b) FROM t GROUP BY a']));
  it('q1g', () => expectSameInMemory([...t, 'SELECT a, (SELECT count(*) FROM t AS u WHERE u.b > t.b) FROM t GROUP BY a']));
  it('q1h', () => expectSameInMemory([...t, 'SELECT a, (SELECT count(*) FROM t AS u WHERE u.a = t.a) FROM t GROUP BY a COLLATE nocase']));
  it('q1i', () => expectSameInMemory([...t, 'SELECT a+1, (SELECT count(*) FROM t AS u WHERE u.a = t.a) FROM t GROUP BY a+1']));
  it('q2', () => expectSameInMemory(['CREATE TABLE n(x TEXT COLLATE NOCASE)', "INSERT INTO n VALUES('a'),('A'),('b'),('B'),('b')", 'SELECT count(DISTINCT x), group_concat(DISTINCT x), count(DISTINCT x COLLATE binary) FROM n']));
  it('q3', () => expectSameInMemory(['CREATE TABLE n(x TEXT COLLATE NOCASE, y)', "INSERT INTO n VALUES('ab',1),('AB',2),('Ab',3),('cd',4),('CD',5)", 'SELECT x, count(*), y FROM n GROUP BY x']));
  it('q3b', () => expectSameInMemory(['CREATE TABLE n(x TEXT COLLATE NOCASE, y)', "INSERT INTO n VALUES('ab',1),('AB',2),('Ab',3),('cd',4),('CD',5)", 'CREATE INDEX ni ON n(x)', 'SELECT x, count(*), y FROM n GROUP BY x']));
});
