// Peak memory while scanning a database several times larger than the page cache. Measured in a fresh
// child process per engine (resident set growth from just before open to the end of the scan), because
// one process's RSS never shrinks back between engines; tests measure in-process instead.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { answerOf } from '../answer.js';
import type { EngineAdapter } from '../engines/types.js';
import type { Deadline } from '../util/deadline.js';
import type { Sample, Workload } from './types.js';

// length() and substr() make the engine decode every payload while keeping JS-side garbage small, so
// the figure is the engine's memory rather than V8's young generation filling with row strings.
export const scanSql = 'SELECT id, k, length(payload) AS len, substr(payload, 1, 1) AS head FROM wide ORDER BY id';

const mebibyte = 1024 * 1024;

/** Opens `path` with a small page cache and streams every row; the figure is peak RSS growth in MiB. */
export async function measureScanMemory(engine: EngineAdapter, path: string, cacheKiB: number): Promise<Sample> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const connection = await engine.open(path, { cacheKiB });
  const statement = await connection.prepare(scanSql);
  // RSS is sampled every 128 rows (not taken from maxRSS, which also remembers transient peaks of module
  // loading before the baseline). Running sums instead of per-row hashing: allocation-free, so V8's heap
  // stays out of the figure.
  const sums = [0, 0, 0, 0];
  let seen = 0;
  await statement.each([], (row) => {
    sums[0]! += Number(row[0]);
    sums[1]! += Number(row[1]);
    sums[2]! += Number(row[2]);
    sums[3]! += String(row[3]).charCodeAt(0);
    if (++seen % 128 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  });
  peak = Math.max(peak, process.memoryUsage.rss());
  statement.finalize();
  await connection.close();
  return { value: (peak - baseline) / mebibyte, answer: answerOf([[seen, ...sums]]) };
}

function childScript(): string | undefined {
  const script = fileURLToPath(new URL('./scan-memory-child.js', import.meta.url));
  return existsSync(script) ? script : undefined;
}

/** Runs one measurement in a child process, killed (TIMEOUT) if it outlives the deadline. */
function runChild(script: string, engineId: string, path: string, cacheKiB: number, deadline: Deadline): Promise<Sample> {
  deadline.check();
  const timeout = Math.max(1, Math.ceil(deadline.remainingMs()));
  return new Promise((resolve, reject) => {
    // A 1 MiB young generation keeps garbage from the row objects out of the resident set being measured.
    execFile(process.execPath, ['--expose-gc', '--max-semi-space-size=1', script, engineId, path, String(cacheKiB)], { maxBuffer: 1 << 20, timeout }, (error, stdout, stderr) => {
      if (error?.killed) {
        reject(deadline.exceeded());
        return;
      }
      if (error) {
        reject(new Error(`${stderr.trim().split('\n').pop() ?? error.message}`));
        return;
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(last) as Sample);
    });
  });
}

export const scanMemory: Workload = {
  id: 'scan-memory',
  title: 'Peak memory, large scan',
  unit: 'MB',
  describe: (sizes) => `RSS growth (MiB) scanning a ~${sizes.scanMiB} MiB table with a ${sizes.cacheKiB} KiB page cache`,
  // Each measurement is a fresh process, so a warm-up would warm nothing; time is not the figure here.
  warmups: 0,
  timeLimitScale: 3,
  buildFixtures: (context) => void context.fixtures.scanTarget(),
  async setup(engine, context) {
    const path = context.scratch.copyOf(context.fixtures.scanTarget(), `scan-${engine.id}`);
    const script = context.isolateMemory ? childScript() : undefined;
    return {
      mechanism: script ? 'child process per repetition' : 'in-process',
      measure: (deadline) =>
        script ? runChild(script, engine.id, path, context.sizes.cacheKiB, deadline) : measureScanMemory(engine, path, context.sizes.cacheKiB),
      async close() {
        context.scratch.remove(path);
      },
    };
  },
};
