// ALTER TABLE ... RENAME COLUMN: our schema rewrite equals SQLite's, row for row, text for text.

import { describe, expect, it } from 'vitest';
import { renameColumn } from '../../src/schema/alter/index.js';
import { expectSameAsSqlite } from './oracle.js';

const schemas = [
  'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT CHECK(t.b<>\'\' AND b IS NOT NULL), c UNIQUE, FOREIGN KEY(b) REFERENCES t(a));' +
    'CREATE TABLE "u"(x REFERENCES t(c), y, FOREIGN KEY (y) REFERENCES t (b));' +
    'CREATE INDEX i1 ON t(b COLLATE nocase DESC, c) WHERE t.b > 0 AND c IS NOT NULL;' +
    'CREATE INDEX i2 ON u(x, y);' +
    'CREATE VIEW v AS SELECT t.a, b, c AS cc FROM t, u AS q WHERE q.x = t.c ORDER BY b;' +
    'CREATE TRIGGER tr AFTER UPDATE OF b, c ON t BEGIN INSERT INTO u(x,y) VALUES(new.b, old.a); UPDATE t SET b = 1, c = b + 1 WHERE t.a = new.a; END;',
  'CREATE TABLE t(a, "b" , [c] INT, `d` GENERATED ALWAYS AS (a + "b") VIRTUAL, e AS (c*2) STORED, PRIMARY KEY(a, "b"), UNIQUE (c COLLATE binary)) WITHOUT ROWID;',
  'CREATE TABLE t(a, b); CREATE TABLE o(p, q);' +
    'CREATE VIEW v1 AS WITH w(k) AS (SELECT b FROM t) SELECT k, (SELECT max(a) FROM t WHERE t.b = o.p) AS m FROM w, o;' +
    'CREATE VIEW v2 AS SELECT x.a AS a, y.b FROM t AS x JOIN t AS y ON x.a = y.b GROUP BY x.a HAVING count(y.b) > 1;' +
    'CREATE VIEW v3 AS SELECT a, b FROM (SELECT a, b FROM t) WHERE b IN (SELECT b FROM t);',
  'CREATE TABLE t(a, b UNIQUE); CREATE TABLE log(m, n);' +
    'CREATE TRIGGER tr BEFORE INSERT ON t WHEN new.b > 0 BEGIN ' +
    'INSERT INTO t(a, b) VALUES (new.a, new.b) ON CONFLICT(b) DO UPDATE SET a = excluded.a WHERE b > 0; ' +
    'INSERT INTO log SELECT a, b FROM t WHERE b = new.b; DELETE FROM t WHERE b = new.b; ' +
    'UPDATE log SET n = (SELECT b FROM t LIMIT 1) WHERE m = new.a; END;',
  'CREATE TABLE t(a INTEGER PRIMARY KEY, b); CREATE VIEW v AS SELECT rowid, a, b FROM t WHERE _rowid_ > 1;' +
    'CREATE TRIGGER tr AFTER DELETE ON t BEGIN SELECT old.a, old.rowid; END;',
  'CREATE TABLE "Mixed Case"( "Col One" /* c */ INT,colTwo  TEXT -- x\n);' +
    'CREATE INDEX mi ON "Mixed Case"("Col One", coltwo);' +
    'CREATE VIEW mv AS SELECT "Mixed Case"."Col One", COLTWO FROM "Mixed Case";',
];

const renames: [table: string, from: string, to: string][] = [
  ['t', 'a', 'a2'],
  ['t', 'b', 'bee'],
  ['t', 'B', '"New Name"'],
  ['t', 'c', '[sq]'],
  ['t', 'b', '"b"'],
  ['"Mixed Case"', '"Col One"', 'first'],
  ['"Mixed Case"', 'COLTWO', '"x""y"'],
  ['u', 'x', 'xx'],
];

function unquote(name: string): string {
  if (name.startsWith('[')) return name.slice(1, -1);
  return name.startsWith('"') ? name.slice(1, -1).split('""').join('"') : name;
}

describe('RENAME COLUMN matches SQLite', () => {
  schemas.forEach((schema, i) => {
    it(`schema ${i}`, () => {
      const outcomes = renames.map(([table, from, to]) =>
        expectSameAsSqlite(schema, `ALTER TABLE ${table} RENAME COLUMN ${from} TO ${to}`, (rows) =>
          renameColumn(rows, unquote(table), unquote(from), unquote(to), { newNameQuoted: /^["[`]/.test(to), oldNameToken: from }),
        ),
      );
      expect(outcomes).toContain('changed');
    });
  });

  it('refusals have SQLite messages', () => {
    const schema = 'CREATE TABLE t(a, b, rowid); CREATE VIEW v AS SELECT a FROM t; CREATE TABLE sqlite_stat9(x);';
    for (const [table, from, to] of [['t', 'zz', 'q'], ['t', 'a', 'b'], ['t', 'a', 'oid'], ['t', 'rowid', 'r'], ['v', 'a', 'q'], ['nope', 'a', 'b']]) {
      expectSameAsSqlite(schema.replace('CREATE TABLE sqlite_stat9(x);', ''), `ALTER TABLE ${table} RENAME COLUMN ${from} TO ${to}`, (rows) =>
        renameColumn(rows, table!, from!, to!),
      );
    }
    // A trigger that cannot resolve (OLD in an INSERT trigger) makes every rename fail, naming it.
    const broken = 'CREATE TABLE t(a, b); CREATE TRIGGER tr BEFORE INSERT ON t BEGIN DELETE FROM t WHERE b = old.b; END;';
    expect(expectSameAsSqlite(broken, 'ALTER TABLE t RENAME COLUMN a TO c', (rows) => renameColumn(rows, 't', 'a', 'c'))).toBe('error');
    // A view whose subquery column is renamed away breaks after the rename.
    const view = 'CREATE TABLE t(a, b); CREATE VIEW v AS SELECT a FROM (SELECT a FROM t);';
    expect(expectSameAsSqlite(view, 'ALTER TABLE t RENAME COLUMN a TO c', (rows) => renameColumn(rows, 't', 'a', 'c'))).toBe('error');
  });
});
