// Prisma's migrations folder (prisma/migrations/<timestamp>_<name>/migration.sql plus
// migration_lock.toml) read into the schema engine's MigrationList.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';

const LOCKFILE = 'migration_lock.toml';
const MIGRATION_FILE = 'migration.sql';

export function readMigrationList(folder: string): MigrationList {
  const baseDir = resolve(folder);
  const present = existsSync(baseDir);
  const lockPath = join(baseDir, LOCKFILE);
  const directories = present
    ? readdirSync(baseDir)
        .filter((name) => statSync(join(baseDir, name)).isDirectory())
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((path) => {
      const file = join(baseDir, path, MIGRATION_FILE);
      const content = existsSync(file)
        ? ({ tag: 'ok', value: readFileSync(file, 'utf8') } as const)
        : ({ tag: 'error', value: `${file} does not exist` } as const);
      return { path, migrationFile: { path: MIGRATION_FILE, content } };
    }),
  };
}
