// The shape shared by the read-only query workloads: a copy of the shop fixture per engine, statements
// prepared once (untimed), then each repetition runs a fixed list of queries and keeps every row.

import { answerOf } from '../answer.js';
import type { Sizes } from '../config.js';
import type { EngineStatement, Row, SqlParam } from '../engines/types.js';
import type { Workload, WorkloadTrial } from './types.js';

export interface QueryCall {
  readonly sql: string;
  readonly params?: readonly SqlParam[];
}

export interface QueryWorkloadSpec {
  readonly id: string;
  readonly title: string;
  describe(sizes: Sizes): string;
  /** The queries one repetition runs, in order (the same list for every engine). */
  calls(sizes: Sizes): readonly QueryCall[];
}

export function queryWorkload(spec: QueryWorkloadSpec): Workload {
  return {
    id: spec.id,
    title: spec.title,
    unit: 'ms',
    describe: spec.describe,
    buildFixtures: (context) => void context.fixtures.shop(),
    async setup(engine, context): Promise<WorkloadTrial> {
      const path = context.scratch.copyOf(context.fixtures.shop(), `${spec.id}-${engine.id}`);
      const connection = await engine.open(path);
      const calls = spec.calls(context.sizes);
      const prepared = new Map<string, EngineStatement>();
      try {
        for (const call of calls) if (!prepared.has(call.sql)) prepared.set(call.sql, await connection.prepare(call.sql));
      } catch (error) {
        await connection.close();
        throw error;
      }
      const plan = calls.map((call) => ({ statement: prepared.get(call.sql)!, params: call.params ?? [] }));
      return {
        async measure(deadline) {
          const rows: Row[] = [];
          const started = performance.now();
          for (const { statement, params } of plan) {
            deadline.check();
            const result = statement.all(params);
            const resultRows = result instanceof Promise ? await result : result;
            for (const row of resultRows) rows.push(row);
          }
          const value = performance.now() - started;
          return { value, answer: answerOf(rows) };
        },
        async close() {
          for (const statement of prepared.values()) statement.finalize();
          await connection.close();
          context.scratch.remove(path);
        },
      };
    },
  };
}
