// The machine-readable record of a run (bench/results/latest.json).

import { cpus, loadavg, platform, release } from 'node:os';
import type { Sizes } from '../config.js';
import type { EngineLoad } from '../engines/types.js';
import type { WorkloadResult } from '../runner.js';

export interface RunReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Wall-clock time of the whole run, fixtures included. */
  readonly durationMs: number;
  readonly mode: string;
  /** The command line that produced this file. */
  readonly command: string;
  readonly machine: { readonly node: string; readonly platform: string; readonly cpus: number; readonly cpuModel: string };
  /**
   * The machine's 1/5/15-minute load averages when the run started and when it ended: the machine may be
   * shared, and a load above its CPU count means other work competed with the engines for time.
   */
  readonly load: { readonly atStart: LoadAverage; readonly atEnd: LoadAverage };
  readonly sizes: Sizes;
  readonly reference: string;
  readonly engines: ReadonlyArray<{ readonly id: string; readonly label: string; readonly available: boolean; readonly note?: string }>;
  readonly workloads: readonly WorkloadResult[];
}

export type LoadAverage = readonly [number, number, number];

export function currentLoad(): LoadAverage {
  const [one = 0, five = 0, fifteen = 0] = loadavg().map((value) => Math.round(value * 100) / 100);
  return [one, five, fifteen];
}

export function buildReport(input: {
  startedAt: Date;
  durationMs: number;
  mode: string;
  command: string;
  loadAtStart: LoadAverage;
  sizes: Sizes;
  reference: string;
  engines: readonly EngineLoad[];
  workloads: readonly WorkloadResult[];
}): RunReport {
  const processors = cpus();
  return {
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date(input.startedAt.getTime() + input.durationMs).toISOString(),
    durationMs: Math.round(input.durationMs),
    mode: input.mode,
    command: input.command,
    machine: { node: process.version, platform: `${platform()} ${release()}`, cpus: processors.length, cpuModel: processors[0]?.model ?? 'unknown' },
    load: { atStart: input.loadAtStart, atEnd: currentLoad() },
    sizes: input.sizes,
    reference: input.reference,
    engines: input.engines.map((engine) =>
      'adapter' in engine ? { id: engine.id, label: engine.label, available: true } : { id: engine.id, label: engine.label, available: false, note: engine.unavailable },
    ),
    workloads: input.workloads,
  };
}
