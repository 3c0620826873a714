// ALTER TABLE ... ADD COLUMN: the new CREATE TABLE text and the refusals equal SQLite's, for
// empty and non-empty tables.

import { describe, expect, it } from 'vitest';
import { addColumn } from '../../src/schema/alter/index.js';
import { applyUpdates, expectSameAsSqlite, isEmpty, runOnSqlite } from './oracle.js';

const tables = [
  'CREATE TABLE t(a, b)',
  'CREATE TABLE t ( a INTEGER PRIMARY KEY , b TEXT NOT NULL DEFAULT \'x\' )',
  'CREATE TABLE t(a, b, PRIMARY KEY(a), UNIQUE(b), CHECK(a > 0))',
  'CREATE TABLE t(a /* comment, with comma */, b -- trailing (paren\n)',
  'CREATE TABLE "T"(a PRIMARY KEY, b CHECK( b IN (\'),\', \'(\', 2) ), FOREIGN KEY(a) REFERENCES t(a)) WITHOUT ROWID',
  'CREATE TABLE t(a INT, b ANY) STRICT',
];

const definitions = [
  'c',
  'c INT',
  'c TEXT DEFAULT \'hello, world\'  ;',
  'c NOT NULL DEFAULT 0',
  'c NOT NULL',
  'c NOT NULL DEFAULT NULL',
  'c DEFAULT (-1)',
  'c DEFAULT CURRENT_TIMESTAMP',
  'c DEFAULT (1 + 1)',
  'c PRIMARY KEY',
  'c UNIQUE',
  'c AS (a || b)',
  'c AS (a || b) STORED',
  'c REFERENCES t(a) DEFAULT 5',
  'a',
  'c INTEGER CHECK (c > 0) COLLATE nocase',
  '"quoted col" VARCHAR(10)',
  'c AS (zz)',
  'c CHECK (zz > 0)',
  'c DEFAULT (abs(-1))',
  'c DEFAULT +5',
  "c DEFAULT CAST('1' AS INT)",
  'c DEFAULT TRUE',
  'A INT',
  'c AS (a) NOT NULL',
  'c COLLATE bogus',
];

// better-sqlite3 opens connections with PRAGMA foreign_keys=ON (its compile-time default).
describe('ADD COLUMN matches SQLite', () => {
  tables.forEach((table, i) => {
    for (const rows of ['', ';INSERT INTO t(a, b) VALUES (1, 2)']) {
      it(`table ${i}${rows ? ' with a row' : ''}`, () => {
        const setup = table + rows;
        const empty = isEmpty(setup, 't');
        const outcomes = definitions.map((def) =>
          expectSameAsSqlite(setup, `ALTER TABLE t ADD COLUMN ${def}`, (r) => addColumn(r, 't', def, { tableIsEmpty: empty, foreignKeys: true })),
        );
        expect(outcomes).toContain('changed');
        expect(outcomes).toContain('error');
      });
    }
  });

  it('with PRAGMA foreign_keys a REFERENCES column needs a NULL default on a non-empty table', () => {
    const setup = 'PRAGMA foreign_keys = ON; CREATE TABLE p(x PRIMARY KEY); CREATE TABLE t(a); INSERT INTO t VALUES (1);';
    for (const def of ['c REFERENCES p DEFAULT 5', 'c REFERENCES p', 'c REFERENCES p DEFAULT NULL']) {
      expectSameAsSqlite(setup, `ALTER TABLE t ADD COLUMN ${def}`, (r) => addColumn(r, 't', def, { tableIsEmpty: false, foreignKeys: true }));
    }
  });

  it('existing rows violating a new CHECK are the caller\'s to find (SQLite scans them after the edit)', () => {
    const setup = 'CREATE TABLE t(a); INSERT INTO t VALUES (1);';
    const alter = 'ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 1 CHECK (c < 0)';
    expect(runOnSqlite(setup, alter).after).toEqual({ error: 'CHECK constraint failed' });
    const empty = runOnSqlite('CREATE TABLE t(a);', alter);
    const ours = addColumn(empty.before, 't', 'c INT NOT NULL DEFAULT 1 CHECK (c < 0)', { tableIsEmpty: false });
    expect(applyUpdates(empty.before, ours)).toEqual('rows' in empty.after ? empty.after.rows : null);
  });

  it('views and system tables are refused', () => {
    const setup = 'CREATE TABLE t(a); CREATE VIEW v AS SELECT a FROM t;';
    expectSameAsSqlite(setup, 'ALTER TABLE v ADD COLUMN c', (r) => addColumn(r, 'v', 'c', { tableIsEmpty: true }));
    expectSameAsSqlite(setup, 'ALTER TABLE nope ADD COLUMN c', (r) => addColumn(r, 'nope', 'c', { tableIsEmpty: true }));
  });
});
