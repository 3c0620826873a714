// Runs corpus files in worker threads: up to `jobs` at a time, each file limited to `timeoutMs`
// (the worker running a file that overruns is terminated and replaced).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerSetup } from './worker.js';

export type JobOutcome<R> = { result: R } | { error: string } | { timeout: true };

export interface PoolOptions {
  jobs: number;
  /** Per-file limit in milliseconds; 0 for none. */
  timeoutMs: number;
  setup: Omit<WorkerSetup, 'workDir'>;
}

export async function runInWorkers<R>(kind: WorkerJob['kind'], files: readonly string[], options: PoolOptions, onDone: (file: string, outcome: JobOutcome<R>) => void): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'tandem-corpus-'));
  const workerUrl = new URL('./worker.js', import.meta.url);
  let next = 0;
  const spawn = (): Worker => new Worker(workerUrl, { workerData: { ...options.setup, workDir } satisfies WorkerSetup });

  const lane = async (): Promise<void> => {
    let worker = spawn();
    try {
      while (next < files.length) {
        const id = next++;
        const file = files[id]!;
        const outcome = await new Promise<JobOutcome<R>>((resolve) => {
          const timer = options.timeoutMs > 0 ? setTimeout(() => resolve({ timeout: true }), options.timeoutMs) : null;
          const onMessage = (message: { id: number; result?: R; error?: string }): void => {
            if (message.id !== id) return;
            if (timer) clearTimeout(timer);
            worker.off('message', onMessage);
            worker.off('error', onError);
            resolve(message.error !== undefined ? { error: message.error } : { result: message.result as R });
          };
          const onError = (error: Error): void => {
            if (timer) clearTimeout(timer);
            worker.off('message', onMessage);
            resolve({ error: error.stack ?? String(error) });
          };
          worker.on('message', onMessage);
          worker.once('error', onError);
          worker.postMessage({ id, kind, file } satisfies WorkerJob);
        });
        if (!('result' in outcome)) {
          // The worker may be stuck inside the engine: replace it.
          await worker.terminate();
          worker = spawn();
        }
        onDone(file, outcome);
      }
    } finally {
      await worker.terminate();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, files.length)) }, lane));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
