// Every workload, at tiny sizes, on better-sqlite3 and sql.js: both must agree, and a deliberately
// off-by-one engine must be marked WRONG on every single workload (so no workload's check is vacuous).
// Turso runs too: it exercises the async (promise) path of every workload.

import { afterAll, describe, expect, it } from 'vitest';
import { loadEngines } from '../src/engines/registry.js';
import type { EngineLoad } from '../src/engines/types.js';
import { renderSvg } from '../src/report/svg.js';
import { renderTable } from '../src/report/table.js';
import { buildReport } from '../src/report/json.js';
import { runAll, type WorkloadResult } from '../src/runner.js';
import { allWorkloads } from '../src/workloads/index.js';
import { loadWrongEngine, tinyContext } from './helpers.js';

describe('answer agreement across engines', () => {
  const context = tinyContext();
  afterAll(() => context.dispose());
  let results: WorkloadResult[] = [];
  let engines: EngineLoad[] = [];

  it('runs every workload on better-sqlite3, sql.js, Turso and a wrong engine', async () => {
    const wrong = await loadWrongEngine();
    engines = [...(await loadEngines(['better-sqlite3', 'sql.js', 'turso'])), { id: wrong.id, label: wrong.label, adapter: wrong }];
    results = await runAll({ engines, workloads: allWorkloads, context });
    expect(results.map((result) => result.id)).toEqual(allWorkloads.map((workload) => workload.id));
  });

  it('better-sqlite3 and sql.js agree on every workload and get a ratio', () => {
    for (const result of results) {
      for (const engine of ['better-sqlite3', 'sql.js']) {
        const cell = result.cells.find((candidate) => candidate.engine === engine)!;
        expect({ workload: result.id, engine, status: cell.status, message: cell.message }).toEqual({ workload: result.id, engine, status: 'ok', message: undefined });
        // In-process RSS growth can be exactly 0 MB, which leaves memory without a ratio; times never are.
        if (result.unit === 'ms') expect(cell.ratio).toBeGreaterThan(0);
      }
      expect(result.expected?.rows).toBeGreaterThan(0);
    }
  });

  it('Turso, through the async path, agrees wherever it supports the workload', () => {
    for (const result of results) {
      const cell = result.cells.find((candidate) => candidate.engine === 'turso')!;
      const expected = result.id === 'recursive-cte' ? 'unsupported' : 'ok';
      expect({ workload: result.id, status: cell.status, message: cell.message }).toEqual({ workload: result.id, status: expected, message: expected === 'ok' ? undefined : expect.any(String) });
    }
  });

  it('the off-by-one engine is WRONG on every workload, and its figure gets no ratio', () => {
    for (const result of results) {
      const cell = result.cells.find((candidate) => candidate.engine === 'off-by-one')!;
      expect({ workload: result.id, status: cell.status }).toEqual({ workload: result.id, status: 'wrong' });
      expect(cell.ratio).toBeUndefined();
      expect(cell.message).toMatch(/^expected .* got /);
    }
  });

  it('the table and the chart say WRONG loudly', () => {
    const table = renderTable(results, engines);
    expect(table).toContain('!! WRONG !!');
    expect(table).toContain('WRONG ANSWER  Bulk insert');
    const report = buildReport({ startedAt: new Date(), durationMs: 1, mode: 'tiny', command: 'test', loadAtStart: [0, 0, 0], sizes: context.sizes, reference: 'better-sqlite3', engines, workloads: results });
    const svg = renderSvg(report);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/WRONG ANSWER/g)?.length).toBe(allWorkloads.length);
  });
});
