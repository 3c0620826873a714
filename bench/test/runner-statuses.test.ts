// The runner's verdicts: failures, unsupported features and missing engines are reported as such, never
// timed; ratios are taken against better-sqlite3's median; the time budget caps slow engines' repetitions.

import { afterAll, describe, expect, it } from 'vitest';
import { answerOf } from '../src/answer.js';
import type { EngineAdapter, EngineLoad } from '../src/engines/types.js';
import { median, runWorkload } from '../src/runner.js';
import type { Workload } from '../src/workloads/types.js';
import { tinyContext } from './helpers.js';

/** A fake engine: only its id matters to the fake workload below. */
function fakeEngine(id: string): EngineLoad {
  const adapter = { id, label: id, storage: 'file' } as unknown as EngineAdapter;
  return { id, label: id, adapter };
}

/** Each engine reports a fixed figure, or throws the given error at setup. */
function fakeWorkload(figures: Record<string, number | Error>): Workload & { measured: Record<string, number> } {
  const measured: Record<string, number> = {};
  return {
    id: 'fake',
    title: 'Fake',
    unit: 'ms',
    measured,
    describe: () => 'fake',
    async setup(engine) {
      const figure = figures[engine.id]!;
      if (figure instanceof Error) throw figure;
      return {
        async measure() {
          measured[engine.id] = (measured[engine.id] ?? 0) + 1;
          return { value: figure, answer: answerOf([[1]]) };
        },
        async close() {},
      };
    },
  };
}

describe('runner verdicts', () => {
  const context = tinyContext();
  afterAll(() => context.dispose());

  it('takes the median of an odd and an even number of samples', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('computes ratios against better-sqlite3 and labels failures, unsupported features and missing engines', async () => {
    const workload = fakeWorkload({
      'better-sqlite3': 10,
      fast: 5,
      broken: new Error('disk I/O error'),
      young: new Error('Parse error: Recursive CTEs are not yet supported'),
    });
    const engines: EngineLoad[] = [
      fakeEngine('better-sqlite3'),
      fakeEngine('fast'),
      fakeEngine('broken'),
      fakeEngine('young'),
      { id: 'absent', label: 'absent', unavailable: 'n/a (not implemented)' },
    ];
    const result = await runWorkload(workload, { engines, workloads: [workload], context });
    const byEngine = Object.fromEntries(result.cells.map((cell) => [cell.engine, cell]));
    expect(byEngine['better-sqlite3']!.ratio).toBe(1);
    expect(byEngine.fast!.ratio).toBe(0.5);
    expect(byEngine.broken!.status).toBe('failed');
    expect(byEngine.broken!.message).toBe('disk I/O error');
    expect(byEngine.young!.status).toBe('unsupported');
    expect(byEngine.absent!.status).toBe('n/a');
    for (const engine of ['broken', 'young', 'absent']) expect(byEngine[engine]!.median).toBeUndefined();
  });

  function slowWorkload(): Workload & { calls: number } {
    const slow: Workload & { calls: number } = {
      calls: 0,
      id: 'slow',
      title: 'Slow',
      unit: 'ms',
      describe: () => 'slow',
      async setup() {
        return {
          async measure() {
            slow.calls++;
            await new Promise((resolve) => setTimeout(resolve, context.sizes.budgetMs + 20));
            return { value: 1, answer: answerOf([]) };
          },
          async close() {},
        };
      },
    };
    return slow;
  }

  it('stops repeating once an engine has used its time budget, keeping at least one sample', async () => {
    const slow = slowWorkload();
    const sizes = { ...context.sizes, repetitions: 5, warmups: 0 };
    const result = await runWorkload(slow, { engines: [fakeEngine('better-sqlite3')], workloads: [slow], context: { ...context, sizes } });
    expect(result.cells[0]!.samples).toHaveLength(1);
    expect(slow.calls).toBe(1);
    expect(result.cells[0]!.note).toBeUndefined();
  });

  it('keeps the warm-up as the only, cold, sample when warming up used the whole budget', async () => {
    const slow = slowWorkload();
    const sizes = { ...context.sizes, repetitions: 5, warmups: 1 };
    const result = await runWorkload(slow, { engines: [fakeEngine('better-sqlite3')], workloads: [slow], context: { ...context, sizes } });
    expect(slow.calls).toBe(1);
    expect(result.cells[0]!.samples).toHaveLength(1);
    expect(result.cells[0]!.status).toBe('ok');
    expect(result.cells[0]!.note).toMatch(/cold/);
  });
});

describe('time limit', () => {
  const context = tinyContext();
  afterAll(() => context.dispose());

  /** A workload whose every measurement works in 20 steps of 10 ms, checking the deadline between steps. */
  const stepping: Workload = {
    id: 'stepping',
    title: 'Stepping',
    unit: 'ms',
    describe: () => 'stepping',
    async setup() {
      return {
        async measure(deadline) {
          for (let step = 0; step < 20; step++) {
            deadline.check();
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          return { value: 200, answer: answerOf([[1]]) };
        },
        async close() {},
      };
    },
  };

  it('marks an engine that cannot finish one measurement within the limit TIMEOUT, with no figure', async () => {
    const sizes = { ...context.sizes, timeLimitMs: 100, warmups: 0, repetitions: 3 };
    const started = performance.now();
    const result = await runWorkload(stepping, { engines: [fakeEngine('better-sqlite3')], workloads: [stepping], context: { ...context, sizes } });
    expect(performance.now() - started).toBeLessThan(400);
    expect(result.cells[0]!.status).toBe('timeout');
    expect(result.cells[0]!.median).toBeUndefined();
    expect(result.cells[0]!.message).toMatch(/time limit exceeded/);
  });

  it('keeps the samples an engine finished before its time ran out', async () => {
    const sizes = { ...context.sizes, timeLimitMs: 350, budgetMs: 10_000, warmups: 0, repetitions: 3 };
    const result = await runWorkload(stepping, { engines: [fakeEngine('better-sqlite3')], workloads: [stepping], context: { ...context, sizes } });
    expect(result.cells[0]!.status).toBe('ok');
    expect(result.cells[0]!.samples).toHaveLength(1);
    expect(result.cells[0]!.note).toMatch(/time limit exceeded .* after 1 sample/);
  });
});
