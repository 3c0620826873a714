// Trigger bodies run as sub-programs inside the statement's VM: a step() that runs out of time
// inside a trigger (even a nested one) yields there and resumes without redoing any work, and a
// statement reset or failed inside a trigger leaves the connection clean for the next run.

import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection, StepResult, type Connection } from '../../src/internal.js';
import { runTandem } from '../sql/differential.js';

function exec(c: Connection, sql: string): SqlValue[][] {
  const outcome = runTandem(c, sql);
  if ('error' in outcome) throw new Error(`${sql}: ${outcome.error.message}`);
  return outcome.rows;
}

const SETUP = [
  'CREATE TABLE big(n)',
  'INSERT INTO big WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 2000) SELECT n FROM k',
  'CREATE TABLE t(a INTEGER PRIMARY KEY, b)',
  'CREATE TABLE copy(n, tag)',
  'CREATE TABLE tally(total)',
  "CREATE TRIGGER fill AFTER INSERT ON t BEGIN INSERT INTO copy SELECT n, new.b FROM big; END",
  'CREATE TRIGGER count_copy AFTER INSERT ON copy WHEN new.n % 500 = 0 BEGIN INSERT INTO tally SELECT count(*) FROM copy; END',
];

const CHECK = "SELECT (SELECT count(*) FROM copy), (SELECT sum(n) FROM copy), (SELECT group_concat(total) FROM tally), (SELECT group_concat(a || b) FROM t)";

/** Runs `sql` to completion, yielding after every 64 opcodes; returns the number of yields. */
function runYielding(c: Connection, sql: string): number {
  const { statement } = c.prepare(sql);
  let yields = 0;
  for (;;) {
    const result = statement!.step(performance.now() - 1);
    if (result === StepResult.Yield) yields++;
    else if (result === StepResult.Done) break;
    else throw new Error(`unexpected ${result}`);
  }
  statement!.finalize();
  return yields;
}

describe('triggers in the resumable VM', () => {
  it('yield inside (nested) trigger programs and resume without redoing work', () => {
    const straight = openConnection(':memory:');
    const yielding = openConnection(':memory:');
    for (const sql of SETUP) {
      exec(straight, sql);
      exec(yielding, sql);
    }
    const insert = "INSERT INTO t VALUES (1, 'x'), (2, 'y')";
    exec(straight, insert);
    const yields = runYielding(yielding, insert);
    // The statement itself is a few dozen opcodes: nearly all yields happened inside triggers.
    expect(yields).toBeGreaterThan(100);
    expect(exec(yielding, CHECK)).toEqual(exec(straight, CHECK));
    expect(exec(yielding, CHECK)).toEqual([[4000n, 4002000n, '500,1000,1500,2000,2500,3000,3500,4000', '1x,2y']]);
    expect(exec(yielding, 'SELECT changes(), total_changes(), last_insert_rowid()')).toEqual(exec(straight, 'SELECT changes(), total_changes(), last_insert_rowid()'));
    straight.close();
    yielding.close();
  });

  it('a reset inside a trigger or an error in a nested trigger leaves the next run clean', () => {
    const c = openConnection(':memory:');
    for (const sql of SETUP) exec(c, sql);
    // Stopped inside the trigger (reset keeps what a stopped statement did, as a reset does for any
    // statement); the next run starts from the top, outside any trigger frame.
    const { statement } = c.prepare("INSERT INTO t VALUES (1, 'x')");
    for (let i = 0; i < 20; i++) expect(statement!.step(performance.now() - 1)).toBe(StepResult.Yield);
    statement!.reset();
    exec(c, 'DELETE FROM t');
    exec(c, 'DELETE FROM copy');
    exec(c, 'DELETE FROM tally');
    expect(statement!.step()).toBe(StepResult.Done);
    statement!.finalize();
    expect(exec(c, CHECK)).toEqual([[2000n, 2001000n, '500,1000,1500,2000', '1x']]);

    exec(c, "CREATE TRIGGER stop BEFORE INSERT ON tally WHEN new.total = 3000 BEGIN SELECT RAISE(ABORT, 'stop at 3000'); END");
    expect(runTandem(c, "INSERT INTO t VALUES (2, 'y')")).toEqual({ error: { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'stop at 3000' } });
    expect(exec(c, CHECK)).toEqual([[2000n, 2001000n, '500,1000,1500,2000', '1x']]);
    // As in SQLite: the failed statement's own insert set it before its AFTER trigger failed.
    expect(exec(c, 'SELECT last_insert_rowid()')).toEqual([[2n]]);
    exec(c, 'DROP TRIGGER stop');
    expect(runYielding(c, "INSERT INTO t VALUES (2, 'y')")).toBeGreaterThan(50);
    expect(exec(c, CHECK)).toEqual([[4000n, 4002000n, '500,1000,1500,2000,2500,3000,3500,4000', '1x,2y']]);
    c.close();
  });
});
