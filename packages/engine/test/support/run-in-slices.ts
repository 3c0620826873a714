// Runs one statement to completion, optionally in the tiniest time slices (every step() yields as soon as it
// may), returning its rows and how often it yielded: resumable-execution tests compare the two runs.

import type { SqlValue } from '../../src/common/values.js';
import { StepResult } from '../../src/engine/prepared.js';
import type { openConnection } from '../../src/internal.js';

export function runInSlices(connection: ReturnType<typeof openConnection>, sql: string, sliced: boolean): { rows: SqlValue[][]; yields: number } {
  const { statement } = connection.prepare(sql);
  const out: SqlValue[][] = [];
  let yields = 0;
  try {
    for (;;) {
      // A deadline already past: the VM yields at its first deadline check.
      const result = statement!.step(sliced ? 0 : undefined);
      if (result === StepResult.Row) out.push(statement!.row().slice());
      else if (result === StepResult.Yield) yields++;
      else if (result === StepResult.Done) break;
      else throw new Error(`unexpected step result ${result}`);
    }
  } finally {
    statement!.finalize();
  }
  return { rows: out, yields };
}
