// Test support: the test schema migrated into a Tandem database (through the schema engine on our
// adapter, as `tandem-prisma migrate deploy` does) and into a better-sqlite3 one (Prisma's own
// adapter), each with a generated PrismaClient; and a probe for engine features still being built.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { connect, SqliteError } from '@tandem/engine';
import { PrismaTandem, type PrismaTandemOptions } from '../src/index.js';
import { runCommand } from '../src/commands.js';
import { PrismaClient } from './.generated/client/client.js';

export const SCHEMA_PATH = fileURLToPath(new URL('./prisma/schema.prisma', import.meta.url));

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `tandem-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs a tandem-prisma command in-process; resolves to its exit code and output. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCommand(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

/** The migration SQL for the test schema, from an empty database (schema engine `diff`). */
export async function initialMigrationSql(): Promise<string> {
  const { code, out, err } = await cli('migrate', 'diff', '--from-empty', '--to-schema', SCHEMA_PATH, '--script');
  if (code !== 0) throw new Error(err);
  return out;
}

/** A migrations folder holding the initial migration, as `prisma migrate dev` lays it out. */
export async function writeMigrationsFolder(dir: string): Promise<string> {
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, '20260101000000_init'), { recursive: true });
  writeFileSync(join(folder, 'migration_lock.toml'), 'provider = "sqlite"\n');
  writeFileSync(join(folder, '20260101000000_init', 'migration.sql'), await initialMigrationSql());
  return folder;
}

export interface Pair {
  tandem: PrismaClient;
  oracle: PrismaClient;
  tandemUrl: string;
  oracleUrl: string;
  close(): Promise<void>;
}

/** Both databases, migrated to the test schema, with a client on each. */
export async function openPair(options: Partial<PrismaTandemOptions> = {}, oracleOptions: { timestampFormat?: 'iso8601' | 'unixepoch-ms' } = {}): Promise<Pair> {
  const dir = tempDir('prisma');
  const folder = await writeMigrationsFolder(dir.path);
  const tandemUrl = `file:${join(dir.path, 'tandem.db')}`;
  const oracleUrl = `file:${join(dir.path, 'oracle.db')}`;
  const deployed = await cli('migrate', 'deploy', '--schema', SCHEMA_PATH, '--migrations', folder, '--url', tandemUrl);
  if (deployed.code !== 0) throw new Error(deployed.err);
  const oracleDb = new Database(join(dir.path, 'oracle.db'));
  oracleDb.exec(readFileSync(join(folder, '20260101000000_init', 'migration.sql'), 'utf8'));
  oracleDb.close();
  const tandem = new PrismaClient({ adapter: new PrismaTandem({ url: tandemUrl, max: 8, ...options }) });
  const oracle = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: oracleUrl }, oracleOptions) });
  return {
    tandem,
    oracle,
    tandemUrl,
    oracleUrl,
    async close() {
      await tandem.$disconnect();
      await oracle.$disconnect();
      dir.remove();
    },
  };
}

/**
 * false when the engine still answers one of the statements with "not supported by Tandem yet"
 * (features other helpers are building); tests that need them are skipped until they land.
 */
export async function engineSupports(...statements: string[]): Promise<boolean> {
  const db = await connect(':memory:');
  try {
    for (const statement of statements) {
      try {
        await db.exec(statement);
      } catch (error) {
        if (error instanceof SqliteError && error.message.startsWith('not supported by Tandem yet')) return false;
      }
    }
    return true;
  } finally {
    await db.close();
  }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}
