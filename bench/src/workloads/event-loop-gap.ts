// How long the event loop stalls while one long query runs: a 1 ms setInterval probe records the longest
// gap between its ticks. A synchronous engine stalls for the whole query; an async one can yield.

import { answerOf } from '../answer.js';
import { sleep } from '../util/mutex.js';
import type { Workload } from './types.js';

/** A long single-table query (LIKE over every payload), so engines without joins still take part. */
export const longQuerySql = "SELECT count(*) AS n, sum(k) AS total, max(id) AS last FROM wide WHERE payload LIKE '%qu%' OR k = 7";

/** Starts the probe; `stop()` resolves to the longest gap seen since `reset()`. */
export function startLoopProbe(): { reset(): void; stop(): Promise<number> } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    reset() {
      last = performance.now();
      longest = 0;
    },
    async stop() {
      // Let the tick that follows a blocking stretch fire, so that stretch is counted.
      await sleep(3);
      clearInterval(timer);
      return longest;
    },
  };
}

export const eventLoopGap: Workload = {
  id: 'event-loop-gap',
  title: 'Longest event-loop gap',
  unit: 'ms',
  describe: (sizes) => `longest gap of a 1 ms setInterval probe while a LIKE scan over the ~${sizes.scanMiB} MiB table runs`,
  buildFixtures: (context) => void context.fixtures.scanTarget(),
  async setup(engine, context) {
    const path = context.scratch.copyOf(context.fixtures.scanTarget(), `gap-${engine.id}`);
    const connection = await engine.open(path);
    const statement = await connection.prepare(longQuerySql);
    return {
      async measure() {
        const probe = startLoopProbe();
        await sleep(5);
        probe.reset();
        const rows = await statement.all();
        const value = await probe.stop();
        return { value, answer: answerOf(rows) };
      },
      async close() {
        statement.finalize();
        await connection.close();
        context.scratch.remove(path);
      },
    };
  },
};
