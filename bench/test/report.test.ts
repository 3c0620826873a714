// The JSON record says when, how long, with which command and under what machine load the run happened.

import { describe, expect, it } from 'vitest';
import { tinySizes } from '../src/config.js';
import { buildReport } from '../src/report/json.js';
import { renderSvg } from '../src/report/svg.js';

describe('run report', () => {
  const startedAt = new Date('2026-01-02T03:04:05.000Z');
  const report = buildReport({
    startedAt,
    durationMs: 61_500,
    mode: 'full',
    command: 'npm run bench',
    loadAtStart: [3.5, 2.25, 1],
    sizes: tinySizes,
    reference: 'better-sqlite3',
    engines: [{ id: 'better-sqlite3', label: 'better-sqlite3', unavailable: 'n/a (test)' }],
    workloads: [],
  });

  it('records wall-clock start, end and duration, and the command', () => {
    expect(report.startedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(report.finishedAt).toBe('2026-01-02T03:05:06.500Z');
    expect(report.durationMs).toBe(61_500);
    expect(report.command).toBe('npm run bench');
  });

  it('records the load average at the start and the end of the run', () => {
    expect(report.load.atStart).toEqual([3.5, 2.25, 1]);
    expect(report.load.atEnd).toHaveLength(3);
    for (const value of report.load.atEnd) expect(value).toBeGreaterThanOrEqual(0);
    expect(renderSvg(report)).toContain('load 3.5→');
  });
});
