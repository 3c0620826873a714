// The Tandem async adapter, proven before Tandem's async API exists: a stand-in module with the promised
// shape (connect → Connection, promise statements, transaction(fn, { mode })) built on better-sqlite3
// must run every workload with the same answers, through the concurrent-transaction mechanism.

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from '../src/engines/better-sqlite3.js';
import { tandemAsyncAdapter } from '../src/engines/tandem-async.js';
import { runAll } from '../src/runner.js';
import { AsyncMutex } from '../src/util/mutex.js';
import { allWorkloads } from '../src/workloads/index.js';
import { tinyContext } from './helpers.js';

/** One writer at a time per file, as one shared pager would enforce. */
const writers = new Map<string, AsyncMutex>();

function standInModule(modes: string[]): Record<string, unknown> {
  const connect = async (path: string) => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    const writer = writers.get(path) ?? new AsyncMutex();
    writers.set(path, writer);
    return {
      exec: async (sql: string) => void db.exec(sql),
      prepare: (sql: string) => {
        const statement = db.prepare<unknown[]>(sql);
        return {
          run: async (...params: unknown[]) => statement.run(...params),
          get: async (...params: unknown[]) => statement.get(...params),
          all: async (...params: unknown[]) => statement.all(...params),
          iterate: async function* (...params: unknown[]) {
            yield* statement.iterate(...params);
          },
        };
      },
      transaction: async (fn: () => Promise<unknown>, options?: { mode?: string }) => {
        modes.push(options?.mode ?? 'default');
        await writer.lock();
        try {
          db.exec('BEGIN IMMEDIATE');
          try {
            await fn();
            db.exec('COMMIT');
          } catch (error) {
            db.exec('ROLLBACK');
            throw error;
          }
        } finally {
          writer.unlock();
        }
      },
      close: async () => void db.close(),
    };
  };
  return { connect };
}

describe('Tandem async adapter (stand-in module)', () => {
  const context = tinyContext();
  afterAll(() => context.dispose());

  it('runs every workload with the reference answers, interactive transactions in concurrent mode', async () => {
    const modes: string[] = [];
    const adapter = tandemAsyncAdapter(standInModule(modes));
    const reference = await loadBetterSqlite3();
    const results = await runAll({
      engines: [
        { id: reference.id, label: reference.label, adapter: reference },
        { id: adapter.id, label: adapter.label, adapter },
      ],
      workloads: allWorkloads,
      context,
    });
    for (const result of results) {
      const cell = result.cells.find((candidate) => candidate.engine === 'tandem-async')!;
      expect({ workload: result.id, status: cell.status, message: cell.message }).toEqual({ workload: result.id, status: 'ok', message: undefined });
    }
    const interactive = results.find((result) => result.id === 'interactive-transactions')!;
    expect(interactive.cells.find((cell) => cell.engine === 'tandem-async')!.mechanism).toMatch(/concurrent/);
    expect(modes.length).toBeGreaterThan(context.sizes.clients * context.sizes.transactionsPerClient);
    expect(new Set(modes)).toEqual(new Set(['concurrent']));
  });

  it('is n/a when the module has no connect()', () => {
    expect(() => tandemAsyncAdapter({ default: class {} })).toThrow(/async API not implemented/);
  });
});
