// The commands of tandem-prisma (cli.ts): Prisma's migrate deploy, migrate diff and db push, run
// offline by the schema engine's WebAssembly build on a Tandem database (see README.md).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DiffTarget, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaTandem } from './adapter.js';
import { readMigrationList } from './migrations.js';
import { openSchemaEngine } from './schema-engine.js';

export const USAGE = `Usage:
  tandem-prisma migrate deploy [--schema prisma/schema.prisma] [--url file:./dev.db] [--migrations <dir>]
  tandem-prisma migrate diff --from-<source> … --to-<source> … [--script] [--url …]
      sources: --from-empty | --from-migrations <dir> | --from-schema <file> | --from-database
               --to-empty   | --to-migrations <dir>   | --to-schema <file>   | --to-database
  tandem-prisma db push [--schema prisma/schema.prisma] [--url file:./dev.db] [--accept-data-loss]

The database URL is --url, else DATABASE_URL.`;

const FILTERS = { externalTables: [], externalEnums: [] };
/** A schema with only a SQLite datasource: what the engine starts with when no schema file is given. */
const DATASOURCE = { path: resolve('schema.prisma'), content: 'datasource db {\n  provider = "sqlite"\n}\n' };

export class UsageError extends Error {}

function schemaFile(path: string): { path: string; content: string } {
  const absolute = resolve(path);
  return { path: absolute, content: readFileSync(absolute, 'utf8') };
}

/** Output of a command: lines for stdout and for stderr. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

const consoleOutput: CommandOutput = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/** Runs one tandem-prisma command line; resolves to the exit code. */
export async function runCommand(argv: string[], io: CommandOutput = consoleOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schema: { type: 'string', default: 'prisma/schema.prisma' },
      url: { type: 'string' },
      migrations: { type: 'string' },
      script: { type: 'boolean', default: false },
      'accept-data-loss': { type: 'boolean', default: false },
      'from-empty': { type: 'boolean' },
      'from-migrations': { type: 'string' },
      'from-schema': { type: 'string' },
      'from-database': { type: 'boolean' },
      'to-empty': { type: 'boolean' },
      'to-migrations': { type: 'string' },
      'to-schema': { type: 'string' },
      'to-database': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !['migrate deploy', 'migrate diff', 'db push'].includes(command)) {
    io.out(`${USAGE}\n`);
    return values.help ? 0 : 1;
  }
  const url = values.url ?? process.env.DATABASE_URL;
  // The engine needs a datamodel to start: diff takes the one it compares with, if any.
  const diffSchema = values['to-schema'] ?? values['from-schema'];
  const schemaPath = command === 'migrate diff' ? (diffSchema ?? (existsSync(values.schema!) ? values.schema : undefined)) : values.schema;
  const schema = schemaPath === undefined ? undefined : schemaFile(schemaPath);
  if (!url && (command !== 'migrate diff' || values['from-database'] || values['to-database'])) {
    throw new UsageError('no database: pass --url or set DATABASE_URL');
  }
  const adapter = new PrismaTandem({ url: url ?? ':memory:', max: 1 });
  const datamodel = schema ?? DATASOURCE;
  const engine = await openSchemaEngine({ adapter, datamodels: [[datamodel.path, datamodel.content]] });
  try {
    switch (command) {
      case 'migrate deploy':
        return await deploy(engine, io, values.migrations ?? join(dirname(schema!.path), 'migrations'));
      case 'db push':
        return await push(engine, io, schema!, values['accept-data-loss']!);
      default:
        return await diff(engine, io, values);
    }
  } finally {
    engine.free();
    await adapter.close();
  }
}

async function deploy(engine: SchemaEngine, io: CommandOutput, folder: string): Promise<number> {
  const migrationsList = readMigrationList(folder);
  io.out(`${migrationsList.migrationDirectories.length} migration(s) found in ${migrationsList.baseDir}\n`);
  const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: FILTERS });
  if (appliedMigrationNames.length === 0) io.out('No pending migrations to apply.\n');
  for (const name of appliedMigrationNames) io.out(`Applied ${name}\n`);
  return 0;
}

async function push(engine: SchemaEngine, io: CommandOutput, schema: { path: string; content: string }, force: boolean): Promise<number> {
  const result = await engine.schemaPush({ force, schema: { files: [schema] }, filters: FILTERS });
  for (const line of result.unexecutable) io.err(`Cannot execute: ${line}\n`);
  for (const line of result.warnings) io.err(`Warning: ${line}\n`);
  if (result.unexecutable.length > 0 || (result.warnings.length > 0 && !force)) {
    io.err('Not applied. Re-run with --accept-data-loss to apply anyway.\n');
    return 1;
  }
  io.out(result.executedSteps === 0 ? 'The database is already in sync with the Prisma schema.\n' : `Applied ${result.executedSteps} step(s).\n`);
  return 0;
}

type DiffOptions = Partial<Record<'from-empty' | 'from-database' | 'to-empty' | 'to-database' | 'script', boolean>> &
  Partial<Record<'from-migrations' | 'from-schema' | 'to-migrations' | 'to-schema', string>>;

function diffTarget(values: DiffOptions, side: 'from' | 'to'): DiffTarget {
  const chosen: DiffTarget[] = [];
  if (values[`${side}-empty`]) chosen.push({ tag: 'empty' });
  const migrations = values[`${side}-migrations`];
  if (migrations) chosen.push({ tag: 'migrations', ...readMigrationList(migrations) });
  const schema = values[`${side}-schema`];
  if (schema) chosen.push({ tag: 'schemaDatamodel', files: [schemaFile(schema)] });
  if (values[`${side}-database`]) {
    // The engine reads the live database through the adapter; the datasource block only names the provider.
    chosen.push({ tag: 'schemaDatasource', files: [DATASOURCE], configDir: process.cwd() });
  }
  if (chosen.length !== 1) throw new UsageError(`migrate diff needs exactly one --${side}-… source`);
  return chosen[0]!;
}

async function diff(engine: SchemaEngine, io: CommandOutput, values: DiffOptions): Promise<number> {
  const result = await engine.diff({ from: diffTarget(values, 'from'), to: diffTarget(values, 'to'), script: values.script ?? false, exitCode: null, filters: FILTERS });
  if (result.stdout) io.out(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
  return result.exitCode;
}

