// Test support: the same Knex code on Tandem (TandemClient, pooled) and on Knex's own better-sqlite3
// client, and probes for engine features still being built.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import { connect } from '@tandem/engine';
import { TandemClient } from '../src/index.js';

export interface Pair {
  tandem: Knex;
  oracle: Knex;
  destroy(): Promise<void>;
}

export function openPair(options: { safeIntegers?: boolean; pool?: Knex.PoolConfig } = {}): Pair {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-knex-'));
  const connectionOptions = options.safeIntegers ? { options: { safeIntegers: true } } : {};
  const tandem = knex({ client: TandemClient, connection: { filename: join(dir, 'tandem.db'), ...connectionOptions }, useNullAsDefault: true, ...(options.pool ? { pool: options.pool } : {}) });
  const oracle = knex({ client: 'better-sqlite3', connection: { filename: join(dir, 'oracle.db'), ...connectionOptions }, useNullAsDefault: true });
  return {
    tandem,
    oracle,
    async destroy() {
      await Promise.all([tandem.destroy(), oracle.destroy()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Outcome<T> = { value: T } | { error: { name: string; code: unknown; message: string } };

/** Runs fn on both databases; resolves to both outcomes for comparison. */
export async function onBoth<T>(pair: Pair, fn: (db: Knex) => Promise<T>): Promise<{ tandem: Outcome<T>; oracle: Outcome<T> }> {
  return { tandem: await outcome(() => fn(pair.tandem)), oracle: await outcome(() => fn(pair.oracle)) };
}

async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: normalize(await fn()) as T };
  } catch (e) {
    const error = e as { name?: string; code?: unknown; message?: string };
    return { error: { name: String(error.name), code: error.code, message: String(error.message) } };
  }
}

function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

/** true when the engine compiles `sql` (features other helpers are adding land without edits here). */
export async function engineSupports(sql: string, setup = ''): Promise<boolean> {
  const connection = await connect(':memory:');
  try {
    if (setup) await connection.exec(setup);
    connection.prepare(sql).finalize();
    return true;
  } catch (error) {
    return !/not supported by Tandem yet/.test(String((error as Error).message));
  } finally {
    await connection.close();
  }
}

export const features = {
  alterTable: await engineSupports('ALTER TABLE t RENAME TO u', 'CREATE TABLE t(x)'),
};
