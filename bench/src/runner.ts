// Runs every workload on every engine (one engine at a time, repetitions round-robin, after warm-ups),
// then checks that all engines agree with the reference answer. A figure only counts when its answer is right.

import { type Answer, describeAnswer, sameAnswer } from './answer.js';
import { referenceEngineId } from './engines/registry.js';
import type { EngineLoad } from './engines/types.js';
import { Deadline, TimeLimitExceeded } from './util/deadline.js';
import type { RunContext, Sample, Workload, WorkloadTrial } from './workloads/types.js';

/**
 * 'unsupported': the engine rejected the workload's SQL or API as not (yet) supported: n/a, not a bug.
 * 'timeout': the engine used up its time limit before producing one sample.
 */
export type CellStatus = 'ok' | 'wrong' | 'failed' | 'unsupported' | 'timeout' | 'n/a';

const unsupportedPattern = /not (yet )?supported|not implemented|unsupported/i;

export interface CellResult {
  readonly engine: string;
  status: CellStatus;
  /** Median of the timed repetitions (when status is ok, or wrong: kept for diagnosis). */
  median?: number;
  samples: number[];
  /** median / reference median; only for ok cells. */
  ratio?: number;
  answer?: Answer;
  mechanism?: string;
  message?: string;
  /** Caveat about the figure (e.g. measured once, cold). */
  note?: string;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly unit: 'ms' | 'MB';
  readonly description: string;
  /** The answer every engine had to return (the reference engine's, else the most common one). */
  expected?: Answer;
  readonly cells: CellResult[];
}

export interface RunOptions {
  readonly engines: readonly EngineLoad[];
  readonly workloads: readonly Workload[];
  readonly context: RunContext;
  readonly log?: (line: string) => void;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 200);
}

/** One engine's progress through a workload: its trial, the answers it gave, the time it has used. */
interface EngineRun {
  readonly load: EngineLoad;
  readonly cell: CellResult;
  readonly answers: Answer[];
  trial?: WorkloadTrial;
  spentMs: number;
  done: boolean;
}

function fail(run: EngineRun, error: unknown): void {
  run.done = true;
  if (error instanceof TimeLimitExceeded && run.cell.samples.length > 0) {
    run.cell.note = `${error.message} after ${run.cell.samples.length} sample(s)`;
    return;
  }
  run.cell.message = messageOf(error);
  run.cell.status = error instanceof TimeLimitExceeded ? 'timeout' : unsupportedPattern.test(run.cell.message) ? 'unsupported' : 'failed';
}

/** The deadline of the engine's next measurement: what is left of its time limit in this workload. */
function deadlineOf(run: EngineRun, limitMs: number): Deadline {
  return new Deadline(performance.now() + limitMs - run.spentMs, limitMs);
}

async function timed<T>(run: EngineRun, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    run.spentMs += performance.now() - started;
  }
}

/**
 * Sets every engine up and warms it, then runs the timed repetitions round-robin (engine A, B, C, A, B,
 * C, ...): load from other processes on a shared machine then hits every engine alike, which keeps the
 * ratios steady. Engines still run one at a time, in this process.
 */
async function runEngines(workload: Workload, engines: readonly EngineLoad[], context: RunContext): Promise<EngineRun[]> {
  const sizes = context.sizes;
  const warmups = workload.warmups ?? sizes.warmups;
  const limitMs = sizes.timeLimitMs * (workload.timeLimitScale ?? 1);
  workload.buildFixtures?.(context);
  const runs: EngineRun[] = engines.map((load) => ({ load, cell: { engine: load.id, status: 'ok', samples: [] }, answers: [], spentMs: 0, done: false }));
  try {
    for (const run of runs) {
      if (!('adapter' in run.load)) {
        Object.assign(run.cell, { status: 'n/a', message: run.load.unavailable });
        run.done = true;
        continue;
      }
      const adapter = run.load.adapter;
      try {
        run.trial = await timed(run, () => workload.setup(adapter, context));
        if (run.trial.mechanism) run.cell.mechanism = run.trial.mechanism;
        for (let i = 0; i < warmups; i++) {
          const warmup = await timed(run, () => run.trial!.measure(deadlineOf(run, limitMs)));
          run.answers.push(warmup.answer);
          // An engine so slow that warming up used its whole budget keeps that run as its only (cold) sample.
          if (run.spentMs > sizes.budgetMs) {
            run.cell.samples.push(warmup.value);
            run.cell.note = 'over time budget: one cold sample';
            run.done = true;
            break;
          }
        }
      } catch (error) {
        fail(run, error);
      }
    }
    for (let repetition = 0; repetition < sizes.repetitions; repetition++) {
      for (const run of runs) {
        if (run.done) continue;
        try {
          const sample: Sample = await timed(run, () => run.trial!.measure(deadlineOf(run, limitMs)));
          run.cell.samples.push(sample.value);
          run.answers.push(sample.answer);
          if (run.spentMs > sizes.budgetMs) run.done = true;
        } catch (error) {
          fail(run, error);
        }
      }
    }
  } finally {
    for (const run of runs) await run.trial?.close().catch(() => undefined);
  }
  for (const run of runs) {
    if (run.cell.status !== 'ok') continue;
    if (run.cell.samples.length === 0) {
      Object.assign(run.cell, { status: 'failed', message: 'no sample was taken' });
      continue;
    }
    run.cell.median = median(run.cell.samples);
    run.cell.answer = run.answers[run.answers.length - 1];
  }
  return runs;
}

/** The answer the others must match: the reference engine's, else the one most engines returned. */
function expectedAnswer(answersByEngine: ReadonlyMap<string, Answer[]>): Answer | undefined {
  const reference = answersByEngine.get(referenceEngineId);
  if (reference && reference.length > 0) return reference[0];
  const tally = new Map<string, { answer: Answer; count: number }>();
  for (const answers of answersByEngine.values()) {
    const first = answers[0];
    if (!first) continue;
    const key = `${first.rows}:${first.checksum}`;
    const entry = tally.get(key) ?? { answer: first, count: 0 };
    entry.count++;
    tally.set(key, entry);
  }
  return [...tally.values()].sort((a, b) => b.count - a.count)[0]?.answer;
}

export async function runWorkload(workload: Workload, options: RunOptions): Promise<WorkloadResult> {
  const { context, log } = options;
  const result: WorkloadResult = {
    id: workload.id,
    title: workload.title,
    unit: workload.unit,
    description: workload.describe(context.sizes),
    cells: [],
  };
  const answersByEngine = new Map<string, Answer[]>();
  for (const { load, cell, answers } of await runEngines(workload, options.engines, context)) {
    result.cells.push(cell);
    if (cell.status === 'ok') answersByEngine.set(load.id, answers);
    if (cell.status !== 'n/a') {
      const figure = cell.median === undefined ? cell.message : `${cell.median.toFixed(2)} ${workload.unit}`;
      log?.(`  ${workload.id.padEnd(26)} ${load.id.padEnd(15)} ${cell.status === 'ok' ? figure : `${cell.status.toUpperCase()}: ${cell.message}`}`);
    }
  }
  const expected = expectedAnswer(answersByEngine);
  if (expected) result.expected = expected;
  for (const cell of result.cells) {
    if (cell.status !== 'ok' || !expected) continue;
    const answers = answersByEngine.get(cell.engine) ?? [];
    const bad = answers.find((answer) => !sameAnswer(answer, expected));
    if (bad) {
      cell.status = 'wrong';
      cell.message = `expected ${describeAnswer(expected)}, got ${describeAnswer(bad)}`;
      log?.(`  !!! WRONG ANSWER: ${workload.id} on ${cell.engine}: ${cell.message}`);
    }
  }
  const reference = result.cells.find((cell) => cell.engine === referenceEngineId && cell.status === 'ok');
  for (const cell of result.cells) {
    if (cell.status === 'ok' && reference?.median !== undefined && reference.median > 0 && cell.median !== undefined) cell.ratio = cell.median / reference.median;
  }
  return result;
}

export async function runAll(options: RunOptions): Promise<WorkloadResult[]> {
  const results: WorkloadResult[] = [];
  for (const workload of options.workloads) {
    const started = performance.now();
    results.push(await runWorkload(workload, options));
    options.log?.(`  ${workload.id} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return results;
}
