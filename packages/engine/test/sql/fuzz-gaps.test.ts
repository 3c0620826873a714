// Differential tests (same SQL to Tandem and better-sqlite3) for divergences the differential
// fuzzer found (packages/testkit/known-failures/fuzzdata.txt lists the ones still open).

import { describe, it } from 'vitest';
import { expectSameInMemory } from './differential.js';

const check = expectSameInMemory;

describe('table-valued function arguments naming its own columns', () => {
  it('runs the call without them and filters its rows on hidden = argument', () => {
    check([
      'SELECT * FROM json_each((2/36854775808.),-json=json)',
      "SELECT key, value FROM json_each('[1,2,3]', root)",
      "SELECT key, value FROM json_each('{\"a\":1,\"b\":[2]}', CASE WHEN key IS NULL THEN '$' END)",
      "SELECT key FROM json_each(json, '$')",
      "SELECT count(*) FROM json_tree('[1,[2,3]]', -json)",
      "SELECT key, value FROM json_each('[5,6]', json_each.root) WHERE value > 5",
      "CREATE TABLE t(x)",
      "INSERT INTO t VALUES ('[1,2]'), ('$')",
      "SELECT t.x, j.key FROM t, json_each(t.x, j.root) AS j ORDER BY 1, 2",
      "SELECT t.x, j.key FROM t LEFT JOIN json_each('[7]', j.root || t.x) AS j ORDER BY 1, 2",
      "SELECT * FROM json_each('[1]', nosuch)",
    ]);
  });
});
