// Worker thread of the CLIs' --jobs/--timeout mode: runs one corpus file per message, so a hung or
// very slow engine costs one file (the parent terminates the worker) instead of the whole run.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { driverFactory, type DriverFactory, type EngineName } from '../driver.js';
import { runFuzzCase } from '../fuzzdata/run.js';
import { runSltFile } from '../slt/files.js';
import { parseKnownFailures } from '../sqltest/known-failures.js';
import { SqlTestRunner } from '../sqltest/run.js';

export interface WorkerSetup {
  engine: EngineName;
  /** The turso-sqltest folder (sqltest jobs), or the sqlite-fuzzdata folder (fuzz jobs). */
  root: string | null;
  /** Parent scratch folder; each worker uses its own subfolder. */
  workDir: string;
  crossCheckIntegrity: boolean;
  /** A skip list (known-failures format) of sqltest ids not to run. */
  skipFile?: string | null;
}

export interface WorkerJob {
  id: number;
  kind: 'slt' | 'sqltest' | 'fuzz';
  /** A corpus file, or a fuzz case id ("fuzzdata6:240", "random:17"). */
  file: string;
}

const setup = workerData as WorkerSetup;
let open: DriverFactory | null = null;
let runner: SqlTestRunner | null = null;

parentPort!.on('message', (job: WorkerJob) => {
  void (async () => {
    try {
      open ??= await driverFactory(setup.engine);
      if (job.kind === 'slt') {
        parentPort!.postMessage({ id: job.id, result: runSltFile(job.file, open, { engine: 'sqlite' }) });
        return;
      }
      if (job.kind === 'fuzz') {
        parentPort!.postMessage({ id: job.id, result: runFuzzCase(job.file, open, setup.root) });
        return;
      }
      const skip = setup.skipFile ? parseKnownFailures(readFileSync(setup.skipFile, 'utf8')) : undefined;
      runner ??= new SqlTestRunner({ open, root: setup.root!, workDir: join(setup.workDir, `worker-${threadId}`), crossCheckIntegrity: setup.crossCheckIntegrity, skip });
      parentPort!.postMessage({ id: job.id, result: runner.runFile(job.file) });
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) });
    }
  })();
});
