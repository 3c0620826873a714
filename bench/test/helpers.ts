// Test helpers: a tiny-size run context, and a deliberately wrong engine built on better-sqlite3.

import { tinySizes } from '../src/config.js';
import { loadBetterSqlite3 } from '../src/engines/better-sqlite3.js';
import { mutexSession } from '../src/engines/mutex-session.js';
import type { EngineAdapter, EngineConnection, EngineStatement, Row } from '../src/engines/types.js';
import { Fixtures } from '../src/fixtures/fixtures.js';
import { Scratch } from '../src/util/files.js';
import type { RunContext } from '../src/workloads/types.js';

export function tinyContext(): RunContext & { dispose(): void } {
  const scratch = new Scratch();
  return { sizes: tinySizes, scratch, fixtures: new Fixtures(tinySizes, scratch), isolateMemory: false, dispose: () => scratch.dispose() };
}

/** Adds 1 to the first integer of a row: a plausible off-by-one, not a crash. */
function corrupt(row: Row): Row {
  const copy = [...row];
  const index = copy.findIndex((value) => typeof value === 'number' && Number.isInteger(value));
  if (index >= 0) copy[index] = (copy[index] as number) + 1;
  else copy.push('extra');
  return copy;
}

/**
 * better-sqlite3 with a subtle bug: the first row of every result set (and every 7th single-row get)
 * comes back with one integer off by one. Every workload must flag it WRONG.
 */
export async function loadWrongEngine(): Promise<EngineAdapter> {
  const base = await loadBetterSqlite3();
  const wrap = (connection: EngineConnection): EngineConnection => ({
    exec: (sql) => connection.exec(sql),
    close: () => connection.close(),
    prepare: (sql) => {
      const statement = connection.prepare(sql) as EngineStatement;
      let gets = 0;
      return {
        run: (params) => statement.run(params),
        get: (params) => {
          const row = statement.get(params) as Row | undefined;
          return row && ++gets % 7 === 1 ? corrupt(row) : row;
        },
        all: (params) => (statement.all(params) as Row[]).map((row, index) => (index === 0 ? corrupt(row) : row)),
        each: (params, onRow) => {
          let first = true;
          return statement.each(params, (row) => {
            onRow(first ? corrupt(row) : row);
            first = false;
          });
        },
        finalize: () => statement.finalize(),
      };
    },
  });
  return {
    id: 'off-by-one',
    label: 'deliberately wrong',
    storage: 'file',
    open: async (path, options) => wrap(await base.open(path, options)),
    interactive: async (path) => mutexSession(wrap(await base.open(path)), 'mutex'),
  };
}
