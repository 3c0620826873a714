// `npm run bench [-- --quick]`: runs every workload on every available engine, prints the table and
// writes bench/results/latest.json and latest.svg.

import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fullSizes, quickSizes, scaleSizes, type Sizes, tinySizes } from './config.js';
import { engineEntries, loadEngines, referenceEngineId } from './engines/registry.js';
import { Fixtures } from './fixtures/fixtures.js';
import { buildReport, currentLoad } from './report/json.js';
import { renderSvg } from './report/svg.js';
import { renderTable } from './report/table.js';
import { runAll } from './runner.js';
import { Scratch } from './util/files.js';
import { allWorkloads } from './workloads/index.js';

const usage = `usage: npm run bench -- [options]
  --quick               small sizes (under a minute)
  --tiny                smoke-test sizes (seconds)
  --scale <x>           multiply row counts by x
  --reps <n>            timed repetitions per engine and workload
  --size <name=value>   set one size from src/config.ts, e.g. --size bulkRows=50000 (repeatable)
  --engines <a,b>       subset of: ${engineEntries.map((entry) => entry.id).join(', ')}
  --workloads <a,b>     subset of: ${allWorkloads.map((workload) => workload.id).join(', ')}
  --out <dir>           where latest.json / latest.svg go (default: bench/results for a full run of
                        every engine and workload, which the README shows; a temp dir otherwise)
  --in-process-memory   measure the memory workload in this process instead of a child per engine`;

function splitList(value: string | undefined): string[] | undefined {
  return value ? value.split(',').map((item) => item.trim()).filter(Boolean) : undefined;
}

function withSize(sizes: Sizes, setting: string): Sizes {
  const [name, text] = setting.split('=');
  const value = Number(text);
  if (!name || !(name in sizes) || !Number.isFinite(value) || value < 0) {
    throw new Error(`bad --size ${setting}: expected one of ${Object.keys(sizes).join(', ')} = a number`);
  }
  return { ...sizes, [name]: value };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      tiny: { type: 'boolean', default: false },
      scale: { type: 'string' },
      reps: { type: 'string' },
      size: { type: 'string', multiple: true },
      engines: { type: 'string' },
      workloads: { type: 'string' },
      out: { type: 'string' },
      'in-process-memory': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const mode = values.tiny ? 'tiny' : values.quick ? 'quick' : 'full';
  let sizes: Sizes = values.tiny ? tinySizes : values.quick ? quickSizes : fullSizes;
  if (values.scale) sizes = scaleSizes(sizes, Number(values.scale));
  if (values.reps) sizes = { ...sizes, repetitions: Math.max(1, Number(values.reps)) };
  for (const setting of values.size ?? []) sizes = withSize(sizes, setting);

  const workloadIds = splitList(values.workloads);
  const workloads = workloadIds ? allWorkloads.filter((workload) => workloadIds.includes(workload.id)) : allWorkloads;
  const unknown = workloadIds?.filter((id) => !allWorkloads.some((workload) => workload.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown workload(s): ${unknown.join(', ')}\n${usage}`);

  const startedAt = new Date();
  const started = performance.now();
  const loadAtStart = currentLoad();
  const engines = await loadEngines(splitList(values.engines));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  log(`Tandem bench (${mode}): ${engines.map((engine) => ('adapter' in engine ? engine.label : `${engine.label} [${engine.unavailable}]`)).join(', ')}`);

  const scratch = new Scratch();
  try {
    const context = { sizes, scratch, fixtures: new Fixtures(sizes, scratch), isolateMemory: !values['in-process-memory'] };
    const results = await runAll({ engines, workloads, context, log });
    const durationMs = performance.now() - started;
    console.log(`\n${renderTable(results, engines)}`);
    const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
    const report = buildReport({ startedAt, durationMs, mode, command, loadAtStart, sizes, reference: referenceEngineId, engines, workloads: results });
    // Only the full, unfiltered run replaces the results the README shows; any other run goes elsewhere.
    const canonical = mode === 'full' && !values.scale && !values.reps && !values.size?.length && !values.engines && !values.workloads;
    const outDir = values.out ?? (canonical ? fileURLToPath(new URL('../results', import.meta.url)) : `${tmpdir()}/tandem-bench-results`);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${outDir}/latest.svg`, renderSvg(report));
    const loads = `load average ${report.load.atStart.join(' / ')} at start, ${report.load.atEnd.join(' / ')} at end (1/5/15 min, ${report.machine.cpus} CPUs)`;
    console.log(`\nWrote ${outDir}/latest.json and latest.svg in ${(durationMs / 1000).toFixed(1)} s; ${loads}.`);
    if (results.some((result) => result.cells.some((cell) => cell.status === 'wrong'))) process.exitCode = 2;
  } finally {
    scratch.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
