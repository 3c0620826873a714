// ALTER TABLE ... RENAME TO: our schema rewrite equals SQLite's, row for row, text for text.

import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { renameTable, type SchemaRow } from '../../src/schema/alter/index.js';
import { expectSameAsSqlite } from './oracle.js';

const schemas = [
  'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT CHECK(t.b<>\'\'), c UNIQUE, FOREIGN KEY(b) REFERENCES t(a));' +
    'CREATE TABLE "u"(x REFERENCES t(c), y);' +
    'CREATE INDEX i1 ON t(b) WHERE t.b > 0;' +
    'CREATE VIEW v AS SELECT t.a, b FROM t, u AS q WHERE q.x = t.c;' +
    'CREATE TRIGGER tr AFTER UPDATE OF b ON t BEGIN INSERT INTO u(x,y) VALUES(new.b, old.a); UPDATE t SET b = 1 WHERE t.a = new.a; END;',
  'CREATE TABLE [T](a, b, PRIMARY KEY(a, b)) WITHOUT ROWID; CREATE TABLE o(z, FOREIGN KEY (z) REFERENCES "t" (a));',
  'CREATE TABLE `Mixed Case`(a /* comment */ ,  b  -- line\n, UNIQUE(a,b));' +
    'CREATE VIEW w AS WITH t AS (SELECT 1 AS a) SELECT t.a FROM t UNION ALL SELECT "Mixed Case".a FROM "Mixed Case";',
  'CREATE TABLE t(a); CREATE TABLE t2(b); CREATE VIEW v2 AS SELECT * FROM t JOIN t2 ON t.a = t2.b WHERE EXISTS (SELECT 1 FROM t AS x WHERE x.a = t.a);' +
    'CREATE TRIGGER tr2 BEFORE DELETE ON t2 BEGIN DELETE FROM t WHERE a = old.b; SELECT t.a FROM t; END;',
  'CREATE TABLE t(a INTEGER PRIMARY KEY AUTOINCREMENT, b); INSERT INTO t(b) VALUES (1);',
  'CREATE TABLE t(a, b); CREATE TRIGGER tr3 AFTER INSERT ON t WHEN new.a > (SELECT count(*) FROM t) BEGIN INSERT INTO t SELECT * FROM t WHERE t.a < 0; END;',
  'CREATE TABLE t(a); CREATE INDEX "idx ""q"""ON t(a);CREATE TABLE z(a REFERENCES T);',
];

const renames: [string, string][] = [
  ['t', 't_new'],
  ['t', '"Quoted ""Name"""'],
  ['T', 'x'],
  ['"Mixed Case"', 'mc'],
  ['"Mixed Case"', '"t"'],
];

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).split('""').join('"') : name;
}

describe('RENAME TABLE matches SQLite', () => {
  schemas.forEach((schema, i) => {
    it(`schema ${i}`, () => {
      const outcomes = renames.map(([from, to]) =>
        expectSameAsSqlite(schema, `ALTER TABLE ${from} RENAME TO ${to}`, (rows) => renameTable(rows, unquote(from), unquote(to))),
      );
      // Every schema has a table some rename applies to: the comparison is not only of errors.
      expect(outcomes).toContain('changed');
    });
  });

  it('names the sqlite_sequence row the caller must rename', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE "Auto"(id INTEGER PRIMARY KEY AUTOINCREMENT, v); INSERT INTO "Auto"(v) VALUES (1);');
    const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema').all() as SchemaRow[];
    const result = renameTable(rows, 'auto', 'next one');
    db.exec('ALTER TABLE auto RENAME TO "next one"');
    const names = db.prepare('SELECT name FROM sqlite_sequence').all() as { name: string }[];
    expect(names).toEqual([{ name: result.sequence.to }]);
    expect(result.sequence.from).toBe('Auto');
    db.close();
  });

  it('refusals have SQLite messages', () => {
    const schema = 'CREATE TABLE t(a); CREATE TABLE u(b); CREATE INDEX iu ON u(b); CREATE VIEW v AS SELECT a FROM t;';
    for (const [from, to] of [['t', 'u'], ['t', 'iu'], ['t', 'sqlite_x'], ['v', 'v2'], ['nope', 'x'], ['t', 'V']]) {
      expectSameAsSqlite(schema, `ALTER TABLE ${from} RENAME TO ${to}`, (rows) => renameTable(rows, from!, to!));
    }
  });
});
