// A fuzz run over many cases: picks the cases (fuzzdata scripts, every k-th or the first N, and
// random-generator seeds), runs them in worker threads with a per-case timeout (a hang or a crash
// of the worker fails the case), and checks the outcome against the known-divergences list
// (known-failures/fuzzdata.txt: a listed case that fails is tolerated, a listed case that passes is
// reported so the list can only shrink).

import { join } from 'node:path';
import { runInWorkers, type JobOutcome } from '../cli/pool.js';
import type { EngineName } from '../driver.js';
import { tally, type Tally } from '../sqltest/known-failures.js';
import type { SqlTestCaseResult } from '../sqltest/run.js';
import type { Divergence } from './compare.js';
import { everyKth, listFuzzScripts, readFuzzScript } from './corpus.js';
import type { FuzzCaseResult } from './run.js';

export interface Selection {
  /** The sqlite-fuzzdata folder, or null to run no corpus scripts. */
  corpus: string | null;
  /** Every k-th corpus script (1 = all). */
  every: number;
  /** At most this many corpus scripts (after `every`). */
  limit: number;
  /** Random-generator seeds to run (1..randomSeeds). */
  randomSeeds: number;
  /** Only these case ids, when given. */
  only?: readonly string[];
}

export function selectCases(selection: Selection): string[] {
  if (selection.only?.length) return [...selection.only];
  const scripts = selection.corpus ? everyKth(listFuzzScripts(selection.corpus), selection.every).map((r) => r.id) : [];
  const seeds = Array.from({ length: selection.randomSeeds }, (_, i) => `random:${i + 1}`);
  return [...scripts.slice(0, selection.limit), ...seeds];
}

export interface CaseOutcome {
  id: string;
  kind: Divergence | null;
  /** Readable reason of a failure (first divergences). */
  reason: string;
  result: FuzzCaseResult | null;
}

export function describeOutcome(id: string, outcome: JobOutcome<FuzzCaseResult>, timeoutMs: number): CaseOutcome {
  if ('timeout' in outcome) return { id, kind: 'hang', reason: `no result within ${timeoutMs / 1000}s (hang or far too slow)`, result: null };
  if ('error' in outcome) return { id, kind: 'crash', reason: `runner crashed: ${outcome.error.split('\n').slice(0, 3).join(' / ')}`, result: null };
  const r = outcome.result;
  const reason = r.diffs.map((d) => `#${d.index + 1} [${d.kind}] ${d.sql}\n      ${d.detail}`).join('\n    ');
  return { id, kind: r.kind, reason: r.diffCount > r.diffs.length ? `${reason}\n    (${r.diffCount - r.diffs.length} more)` : reason, result: r };
}

export interface RunSummary {
  outcomes: CaseOutcome[];
  tally: Tally;
  /** Failing cases (listed or not) per divergence kind. */
  byKind: Record<string, number>;
  /**
   * Listed cases that passed this time but whose verdict is not reproducible: scripts using
   * random() (SQLite's own runs may collide or not) and cases listed as hangs (timing). Reported,
   * not failed; tally.fixed holds only the reproducible passes.
   */
  unstablePasses: string[];
  milliseconds: number;
}

// Scripts that open database files (ATTACH 'x', VACUUM INTO) share the working directory: two of
// them running at once in different workers would lock each other's files, so they run one at a time
// after the others. (Within a case the engine and SQLite's two runs also see the same file, in a
// fixed order, so the outcome is deterministic.)
const USES_FILES = /\battach\b|\bvacuum\b[\s\S]*\binto\b/i;

function usesFiles(id: string, corpus: string | null): boolean {
  const match = /^(fuzzdata[^:]*):(\d+)$/.exec(id);
  return !!match && !!corpus && USES_FILES.test(readFuzzScript({ file: join(corpus, `${match[1]}.db`), sqlid: Number(match[2]) }));
}

export async function runFuzzSession(
  cases: readonly string[],
  options: { engine: EngineName; corpus: string | null; jobs: number; timeoutMs: number; known: ReadonlyMap<string, string>; onCase?: (outcome: CaseOutcome) => void },
): Promise<RunSummary> {
  const started = performance.now();
  const outcomes: CaseOutcome[] = [];
  const onDone = (id: string, outcome: JobOutcome<FuzzCaseResult>): void => {
    const described = describeOutcome(id, outcome, options.timeoutMs);
    outcomes.push(described);
    options.onCase?.(described);
  };
  const setup = { engine: options.engine, root: options.corpus, crossCheckIntegrity: false };
  const serial = cases.filter((id) => usesFiles(id, options.corpus));
  const parallel = cases.filter((id) => !serial.includes(id));
  await runInWorkers<FuzzCaseResult>('fuzz', parallel, { jobs: options.jobs, timeoutMs: options.timeoutMs, setup }, onDone);
  if (serial.length) await runInWorkers<FuzzCaseResult>('fuzz', serial, { jobs: 1, timeoutMs: options.timeoutMs, setup }, onDone);
  // Listed cases outside this selection are not expected to run (a CI subset runs every k-th).
  const selected = new Set(cases);
  const known = new Map([...options.known].filter(([id]) => selected.has(id)));
  const results: SqlTestCaseResult[] = outcomes.map((o) => ({ id: o.id, outcome: o.kind ? 'failed' : 'passed', reason: o.reason }));
  const byKind: Record<string, number> = {};
  for (const o of outcomes) if (o.kind) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
  const t = tally(results, known);
  const unstable = (id: string): boolean => (known.get(id) ?? '').startsWith('[hang]') || outcomes.some((o) => o.id === id && o.result?.randomTainted);
  const unstablePasses = t.fixed.filter(unstable);
  t.fixed = t.fixed.filter((id) => !unstable(id));
  return { outcomes, tally: t, byKind, unstablePasses, milliseconds: performance.now() - started };
}
