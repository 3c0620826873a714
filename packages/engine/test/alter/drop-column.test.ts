// ALTER TABLE ... DROP COLUMN: the new CREATE TABLE text and the refusals (keys, last column,
// columns still used by indexes, views, triggers, CHECK and generated columns) equal SQLite's.

import { describe, expect, it } from 'vitest';
import { dropColumn } from '../../src/schema/alter/index.js';
import { expectSameAsSqlite } from './oracle.js';

const schemas = [
  'CREATE TABLE t(a, b, c)',
  'CREATE TABLE t ( a INTEGER PRIMARY KEY ,b TEXT DEFAULT \'(,)\' /* x, y */ , c  -- last\n , d REAL)',
  'CREATE TABLE t(a, b UNIQUE, c, d, e, PRIMARY KEY(a), UNIQUE(c, d), CHECK (d > 0))',
  'CREATE TABLE t(a, b, c AS (a + 1), d, FOREIGN KEY(d) REFERENCES t(a))',
  'CREATE TABLE t(a, b, c, d, e); CREATE INDEX ib ON t(b); CREATE INDEX ic ON t(a) WHERE c > 0;' +
    'CREATE VIEW v AS SELECT d FROM t; CREATE TRIGGER tr AFTER UPDATE ON t BEGIN SELECT new.a; END;',
  'CREATE TABLE t(a PRIMARY KEY, "b c" , [d], `e`) WITHOUT ROWID',
  'CREATE TABLE t(a PRIMARY KEY, b, c UNIQUE, d) WITHOUT ROWID; CREATE TABLE u(x); CREATE INDEX iu ON u(x);',
  'CREATE TABLE t(a); CREATE TABLE s(a, b, c, CONSTRAINT k CHECK (c != 0))',
];

const columns = ['a', 'b', 'c', 'd', '"b c"', 'e', 'zz', 'C'];

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1) : name;
}

describe('DROP COLUMN matches SQLite', () => {
  schemas.forEach((schema, i) => {
    it(`schema ${i}`, () => {
      const outcomes = ['t', 's'].flatMap((table) =>
        columns.map((column) =>
          expectSameAsSqlite(schema, `ALTER TABLE ${table} DROP COLUMN ${column}`, (rows) =>
            dropColumn(rows, table, unquote(column), { nameToken: column }),
          ),
        ),
      );
      expect(outcomes).toContain('changed');
      expect(outcomes).toContain('error');
    });
  });

  it('a view cannot lose a column', () => {
    const setup = 'CREATE TABLE t(a, b); CREATE VIEW v AS SELECT a, b FROM t;';
    expectSameAsSqlite(setup, 'ALTER TABLE v DROP COLUMN a', (rows) => dropColumn(rows, 'v', 'a'));
  });
});
