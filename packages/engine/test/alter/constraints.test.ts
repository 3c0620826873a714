// SQLite 3.53's constraint forms of ALTER TABLE (ADD CHECK, DROP CONSTRAINT, SET / DROP NOT NULL),
// differential against better-sqlite3: the stored text, the refusals and the data checks.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

const TABLE_SQL = "SELECT sql FROM sqlite_schema WHERE name = 't'";

/** Runs each ALTER on both engines, comparing its outcome, the new CREATE text and the cookie step. */
function expectSame(setup: readonly string[], alters: readonly string[]): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    expect(differences(connection, oracle, setup)).toEqual([]);
    for (const alter of alters) {
      expect(differences(connection, oracle, [alter, TABLE_SQL, 'PRAGMA schema_version'])).toEqual([]);
    }
  } finally {
    connection.close();
    oracle.close();
  }
}

describe('ALTER TABLE ADD CHECK', () => {
  it('appends the constraint as written, after the table constraints and before the table options', () => {
    expectSame(['CREATE TABLE t(a INT, b, c, CONSTRAINT k UNIQUE(c))'], [
      'ALTER TABLE t ADD CONSTRAINT  x   CHECK( a>0 )  ;',
      'ALTER TABLE t ADD CHECK(b) ON CONFLICT FAIL',
      'ALTER TABLE t ADD CONSTRAINT x CHECK (1)',
      'ALTER TABLE t ADD CONSTRAINT K CHECK (1)',
      'ALTER TABLE t ADD CONSTRAINT "q q" CHECK (t.a IS NOT 5)',
      'ALTER TABLE t ADD CHECK (a) on conflict ignore',
    ]);
    expectSame(['CREATE TABLE t(a INT, b ANY) STRICT'], ['ALTER TABLE t ADD CHECK (a > 0)']);
  });

  it("raises SQLite's errors for what a CHECK may not hold, and for rows that fail it", () => {
    expectSame(['CREATE TABLE t(a, b NOT NULL)', 'CREATE VIEW v AS SELECT 1 AS a', 'INSERT INTO t VALUES (NULL, 1), (2, 2)'], [
      'ALTER TABLE t ADD CHECK (nope > 1)',
      'ALTER TABLE t ADD CHECK (x.a > 0)',
      'ALTER TABLE t ADD CHECK ((SELECT 1))',
      'ALTER TABLE t ADD CHECK (a IN (SELECT 1))',
      'ALTER TABLE t ADD CHECK (?)',
      'ALTER TABLE v ADD CHECK (1)',
      'ALTER TABLE nope ADD CHECK (1)',
      'ALTER TABLE sqlite_schema ADD CHECK (1)',
      'ALTER TABLE t ADD CHECK (a > 1)',
      'ALTER TABLE t ADD CHECK (b > 1)',
      'ALTER TABLE t ADD CHECK (b > 0)',
      'ALTER TABLE t ADD CHECK (a IS NULL OR a > 1)',
      'INSERT INTO t VALUES (3, 0)',
      'INSERT INTO t VALUES (NULL, 5)',
    ]);
  });
});

describe('ALTER TABLE DROP CONSTRAINT', () => {
  it('removes named CHECK and NOT NULL constraints with the space or comma before them', () => {
    expectSame(
      ['CREATE TABLE t(a INT CONSTRAINT c1 CHECK(a>0) NOT NULL, b CHECK(b>0) CONSTRAINT c2 CHECK(b<9), CONSTRAINT c3 CHECK(a<b) , CONSTRAINT c4 PRIMARY KEY(a))', 'INSERT INTO t VALUES (5, 1)'],
      ['ALTER TABLE t DROP CONSTRAINT c1', 'ALTER TABLE t DROP CONSTRAINT C2', 'ALTER TABLE t DROP CONSTRAINT c3', 'ALTER TABLE t DROP CONSTRAINT c4', 'ALTER TABLE t DROP CONSTRAINT c3', 'INSERT INTO t VALUES (-1, 20)'],
    );
    expectSame(['CREATE TABLE t(a CHECK(a>0)CONSTRAINT c1 CHECK (a<9)  DEFAULT 3, b CONSTRAINT nn NOT NULL, CONSTRAINT c2 CHECK (a>0),CONSTRAINT c3 CHECK (a<9))'], [
      'ALTER TABLE t DROP CONSTRAINT c1',
      'ALTER TABLE t DROP CONSTRAINT nn',
      'ALTER TABLE t DROP CONSTRAINT c2',
      'ALTER TABLE t DROP CONSTRAINT c3',
    ]);
  });

  it('refuses other constraints and unknown names', () => {
    expectSame(['CREATE TABLE t(a INT CONSTRAINT u1 UNIQUE, b, CONSTRAINT pk PRIMARY KEY (b), CONSTRAINT fk FOREIGN KEY (a) REFERENCES t(b))', 'CREATE VIEW v AS SELECT 1'], [
      'ALTER TABLE t DROP CONSTRAINT u1',
      'ALTER TABLE t DROP CONSTRAINT pk',
      'ALTER TABLE t DROP CONSTRAINT fk',
      'ALTER TABLE t DROP CONSTRAINT nope',
      'ALTER TABLE v DROP CONSTRAINT x',
      'ALTER TABLE nope DROP CONSTRAINT x',
    ]);
  });
});

describe('ALTER TABLE ALTER COLUMN SET / DROP NOT NULL', () => {
  it('edits the column definition as SQLite does', () => {
    expectSame(['CREATE TABLE t(a INT NOT NULL ON CONFLICT FAIL DEFAULT 1, b NULL, c CONSTRAINT n NOT NULL, d NOT NULL NOT NULL, e   /*x*/ )'], [
      'ALTER TABLE t ALTER a DROP NOT NULL',
      'ALTER TABLE t ALTER b SET NOT NULL',
      'ALTER TABLE t ALTER c DROP NOT NULL',
      'ALTER TABLE t ALTER d DROP NOT NULL',
      'ALTER TABLE t ALTER e SET NOT NULL',
      'ALTER TABLE t ALTER e SET NOT NULL',
      'ALTER TABLE t ALTER COLUMN c SET NOT NULL on conflict replace',
      'ALTER TABLE t ALTER COLUMN "A" DROP NOT NULL',
      'ALTER TABLE t ALTER zz SET NOT NULL',
      'INSERT INTO t(a, b, d, e) VALUES (NULL, 1, 1, 1)',
    ]);
    expectSame(['CREATE TABLE t(a INTEGER PRIMARY KEY, b NOT NULL /* k */, c NOT NULL DEFAULT 1 NOT NULL)'], [
      'ALTER TABLE t ALTER a SET NOT NULL',
      'ALTER TABLE t ALTER b DROP NOT NULL',
      'ALTER TABLE t ALTER c DROP NOT NULL',
      'ALTER TABLE t ALTER c DROP NOT NULL',
    ]);
  });

  it('refuses SET NOT NULL while a row holds NULL there', () => {
    expectSame(['CREATE TABLE t(id INTEGER PRIMARY KEY, a, b)', 'CREATE VIEW v AS SELECT 1 AS a', 'INSERT INTO t VALUES (1, NULL, 1), (2, 2, 2)'], [
      'ALTER TABLE t ALTER a SET NOT NULL',
      'ALTER TABLE t ALTER b SET NOT NULL',
      'ALTER TABLE t ALTER id SET NOT NULL',
      'ALTER TABLE v ALTER a DROP NOT NULL',
      'INSERT INTO t VALUES (3, 3, NULL)',
    ]);
  });
});
