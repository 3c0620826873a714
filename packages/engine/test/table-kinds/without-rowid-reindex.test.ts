// REINDEX on WITHOUT ROWID tables, against SQLite: each secondary index is refilled from the table's
// rows (index key plus the primary-key columns it lacks); the table's own b-tree is left as it is.

import { describe, it } from 'vitest';
import { expectSameInMemory } from '../sql/differential.js';

describe('REINDEX on a WITHOUT ROWID table', () => {
  it('rebuilds its indexes, by table, index, collation or everything', () => {
    expectSameInMemory([
      'CREATE TABLE w(a TEXT, b INT, c, PRIMARY KEY(b, a)) WITHOUT ROWID',
      'CREATE INDEX w_c ON w(c COLLATE NOCASE)',
      'CREATE UNIQUE INDEX w_ca ON w(c, a) WHERE c IS NOT NULL',
      "INSERT INTO w VALUES('x', 1, 'Q'), ('y', 1, 'q'), ('x', 2, NULL), ('z', 3, 'r')",
      'REINDEX w',
      'REINDEX w_c',
      'REINDEX NOCASE',
      'REINDEX',
      "SELECT a, b, c FROM w WHERE c = 'q' ORDER BY b, a",
      "SELECT a, b FROM w INDEXED BY w_c WHERE c = 'Q' COLLATE NOCASE ORDER BY 1, 2",
      'SELECT c, a FROM w INDEXED BY w_ca WHERE c IS NOT NULL ORDER BY c, a',
      'SELECT * FROM w ORDER BY b, a',
      "INSERT INTO w VALUES('y', 9, 'Q')",
      "INSERT INTO w VALUES('y', 1, 'Q')",
      'PRAGMA integrity_check',
    ]);
  });
});
