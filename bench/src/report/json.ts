// The machine-readable record of a run (bench/results/latest.json).

import { cpus, platform, release } from 'node:os';
import type { Sizes } from '../config.js';
import type { EngineLoad } from '../engines/types.js';
import type { WorkloadResult } from '../runner.js';

export interface RunReport {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly mode: string;
  readonly machine: { readonly node: string; readonly platform: string; readonly cpus: number; readonly cpuModel: string };
  readonly sizes: Sizes;
  readonly reference: string;
  readonly engines: ReadonlyArray<{ readonly id: string; readonly label: string; readonly available: boolean; readonly note?: string }>;
  readonly workloads: readonly WorkloadResult[];
}

export function buildReport(input: {
  startedAt: Date;
  durationMs: number;
  mode: string;
  sizes: Sizes;
  reference: string;
  engines: readonly EngineLoad[];
  workloads: readonly WorkloadResult[];
}): RunReport {
  const processors = cpus();
  return {
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    mode: input.mode,
    machine: { node: process.version, platform: `${platform()} ${release()}`, cpus: processors.length, cpuModel: processors[0]?.model ?? 'unknown' },
    sizes: input.sizes,
    reference: input.reference,
    engines: input.engines.map((engine) =>
      'adapter' in engine ? { id: engine.id, label: engine.label, available: true } : { id: engine.id, label: engine.label, available: false, note: engine.unavailable },
    ),
    workloads: input.workloads,
  };
}
