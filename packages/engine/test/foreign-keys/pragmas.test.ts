// The foreign key PRAGMAs against SQLite: foreign_key_list (ids with the last constraint first,
// actions, MATCH ignored), foreign_key_check with and without a table (missing parent tables,
// NULL keys, composite keys, type affinity of the parent key, mismatched parent keys), the
// settings' values, and the CREATE TABLE errors for malformed constraints.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

describe('foreign key pragmas', () => {
  it('foreign_key_list reports every constraint as SQLite numbers them', async () => {
    await expectSameResults([
      'CREATE TABLE p(a INTEGER PRIMARY KEY, b UNIQUE, c, d, UNIQUE (c, d))',
      'CREATE TABLE c(x REFERENCES p, y REFERENCES p(b) ON DELETE CASCADE MATCH FULL, z, w, FOREIGN KEY (z, w) REFERENCES p(c, d) ON UPDATE SET NULL ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY (x) REFERENCES other ON UPDATE RESTRICT)',
      'PRAGMA foreign_key_list(c)',
      'PRAGMA foreign_key_list(p)',
      'PRAGMA foreign_key_list(nothing)',
      'SELECT * FROM pragma_foreign_key_list(\'c\') WHERE "table" = \'p\' ORDER BY id DESC, seq',
    ]);
  });

  it('foreign_key_check takes the schema prefix: temp tables are checked in temp, unqualified names searched temp first', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = OFF',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TABLE c(pid REFERENCES p)',
      'INSERT INTO p VALUES (1)',
      'INSERT INTO c VALUES (1), (2)',
      'CREATE TEMP TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TEMP TABLE tc(pid REFERENCES p)',
      'INSERT INTO temp.p VALUES (2)',
      'INSERT INTO tc VALUES (1), (2), (3)',
      'PRAGMA foreign_key_check',
      'PRAGMA temp.foreign_key_check',
      'PRAGMA main.foreign_key_check',
      'PRAGMA foreign_key_check(tc)',
      'PRAGMA main.foreign_key_check(tc)',
      'PRAGMA temp.foreign_key_check(c)',
      'PRAGMA temp.foreign_keys',
      'PRAGMA nowhere.foreign_key_check',
    ]);
  });

  it('foreign_key_check lists the child rows whose parent is missing', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = OFF',
      'CREATE TABLE p(id INTEGER PRIMARY KEY, k TEXT, n NUMERIC, UNIQUE (k, n))',
      'CREATE TABLE c1(pid REFERENCES p, k, n, FOREIGN KEY (k, n) REFERENCES p(k, n))',
      'CREATE TABLE c2(x REFERENCES gone(y))',
      'CREATE TABLE c3(x)',
      "INSERT INTO p VALUES (1, 'a', 1), (2, 'b', 2.5)",
      "INSERT INTO c1 VALUES (1, 'a', 1), ('2', 'b', '2.5'), (3, 'a', NULL), (NULL, 'c', 1), (2.0, 'a', '1.0'), ('x', 'b', 2)",
      'INSERT INTO c2 VALUES (1), (NULL), (2)',
      'INSERT INTO c3 VALUES (1)',
      'PRAGMA foreign_key_check(c1)',
      'PRAGMA foreign_key_check(c2)',
      'PRAGMA foreign_key_check(c3)',
      'PRAGMA foreign_key_check(p)',
      'PRAGMA foreign_key_check(missing)',
      'CREATE VIEW v AS SELECT * FROM c1',
      'PRAGMA foreign_key_check(v)',
      'PRAGMA foreign_key_check(sqlite_master)',
      'PRAGMA main.foreign_key_check(c2)',
      "PRAGMA foreign_key_check('c2')",
      'PRAGMA temp.foreign_key_check',
      'PRAGMA foreign_key_check',
      'CREATE TABLE c4(x REFERENCES p(n))',
      'PRAGMA foreign_key_check(c1)',
      'PRAGMA foreign_key_check(c4)',
      'PRAGMA foreign_key_check',
    ]);
  });

  it('reports the settings', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = yes',
      'PRAGMA foreign_keys',
      'PRAGMA foreign_keys = 0',
      'PRAGMA foreign_keys',
      'PRAGMA foreign_keys = true',
      'PRAGMA foreign_keys',
      'PRAGMA defer_foreign_keys',
      'PRAGMA defer_foreign_keys = on',
      'PRAGMA defer_foreign_keys',
    ]);
  });

  it('rejects malformed constraints at CREATE TABLE', async () => {
    await expectSameResults([
      'CREATE TABLE p(a, b, PRIMARY KEY (a, b))',
      'CREATE TABLE c1(x REFERENCES p(a, b))',
      'CREATE TABLE c2(x, y, FOREIGN KEY (x, y) REFERENCES p(a))',
      'CREATE TABLE c3(x, FOREIGN KEY (nope) REFERENCES p(a))',
      'CREATE TABLE c4(x, y, FOREIGN KEY (x, y) REFERENCES p)',
      "SELECT name FROM sqlite_master ORDER BY name",
    ]);
  });
});
