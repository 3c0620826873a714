// tandem-prisma: migrate deploy / migrate diff / db push through the schema engine's wasm build on
// a Tandem database; the applied schema is compared with the same migration file run by SQLite.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, engineSupports, SCHEMA_PATH, tempDir, writeMigrationsFolder } from './support.js';

const supportsRedefine = await engineSupports('PRAGMA defer_foreign_keys=ON', 'PRAGMA foreign_keys=OFF', 'CREATE TABLE t(a); ALTER TABLE t RENAME TO t2');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function dir(): string {
  const d = tempDir('prisma-cli');
  cleanups.push(d.remove);
  return d.path;
}

/** Table and index definitions of a SQLite file, read by better-sqlite3. */
function schemaOf(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  } finally {
    db.close();
  }
}

const SCHEMA_TEXT = readFileSync(SCHEMA_PATH, 'utf8');
/** The test schema with one more model and one more optional field. */
const GROWN_SCHEMA = SCHEMA_TEXT.replace('model Counter {', 'model Tag {\n  id    Int    @id @default(autoincrement())\n  label String @unique\n}\n\nmodel Counter {').replace(
  '  birthday  DateTime?',
  '  birthday  DateTime?\n  nickname  String?',
);

describe('tandem-prisma', () => {
  it('migrate deploy applies the migrations once and records them in _prisma_migrations', async () => {
    const path = dir();
    const folder = await writeMigrationsFolder(path);
    const url = `file:${join(path, 'dev.db')}`;
    const first = await cli('migrate', 'deploy', '--schema', SCHEMA_PATH, '--migrations', folder, '--url', url);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain('Applied 20260101000000_init');
    const again = await cli('migrate', 'deploy', '--schema', SCHEMA_PATH, '--migrations', folder, '--url', url);
    expect(again.out).toContain('No pending migrations to apply.');

    // The same migration file run by SQLite (better-sqlite3) gives the same schema.
    const oracleFile = join(path, 'oracle.db');
    const oracle = new Database(oracleFile);
    oracle.exec(readFileSync(join(folder, '20260101000000_init', 'migration.sql'), 'utf8'));
    oracle.close();
    const withoutBookkeeping = (rows: unknown[]) => rows.filter((row) => (row as { name: string }).name !== '_prisma_migrations');
    expect(withoutBookkeeping(schemaOf(join(path, 'dev.db')))).toEqual(withoutBookkeeping(schemaOf(oracleFile)));
    const applied = new Database(join(path, 'dev.db'), { readonly: true });
    expect(applied.prepare('SELECT migration_name, applied_steps_count, finished_at IS NOT NULL AS done FROM _prisma_migrations').all()).toEqual([
      { migration_name: '20260101000000_init', applied_steps_count: 1, done: 1 },
    ]);
    applied.close();
  });

  it('migrate diff: database to schema, migrations (replayed on a shadow database) to schema', async () => {
    const path = dir();
    const folder = await writeMigrationsFolder(path);
    const url = `file:${join(path, 'dev.db')}`;
    await cli('migrate', 'deploy', '--schema', SCHEMA_PATH, '--migrations', folder, '--url', url);
    expect((await cli('migrate', 'diff', '--from-database', '--to-schema', SCHEMA_PATH, '--url', url)).out).toContain('No difference detected');
    expect((await cli('migrate', 'diff', '--from-migrations', folder, '--to-schema', SCHEMA_PATH, '--url', url)).out).toContain('No difference detected');
    const grown = join(path, 'grown.prisma');
    writeFileSync(grown, GROWN_SCHEMA);
    const script = await cli('migrate', 'diff', '--from-database', '--to-schema', grown, '--script', '--url', url);
    expect(script.out).toContain('CREATE TABLE "Tag"');
    expect(script.out).toContain('ALTER TABLE "User" ADD COLUMN "nickname" TEXT');
  });

  it('db push creates the schema, then adds to it, keeping the data', async () => {
    const path = dir();
    const file = join(path, 'push.db');
    const url = `file:${file}`;
    expect(await cli('db', 'push', '--schema', SCHEMA_PATH, '--url', url)).toMatchObject({ code: 0 });
    expect((await cli('db', 'push', '--schema', SCHEMA_PATH, '--url', url)).out).toContain('already in sync');
    const db = new Database(file);
    db.prepare("INSERT INTO User (email, createdAt) VALUES ('kept@x', '2025-01-01T00:00:00.000+00:00')").run();
    db.close();
    const grown = join(path, 'grown.prisma');
    writeFileSync(grown, GROWN_SCHEMA);
    expect(await cli('db', 'push', '--schema', grown, '--url', url)).toMatchObject({ code: 0 });
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT email, nickname FROM User').all()).toEqual([{ email: 'kept@x', nickname: null }]);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'Tag'").all()).toEqual([{ name: 'Tag' }]);
    after.close();
  });

  it.skipIf(!supportsRedefine)('db push drops a column by redefining the table, refusing data loss unless accepted (needs defer_foreign_keys and RENAME)', async () => {
    const path = dir();
    const url = `file:${join(path, 'push.db')}`;
    await cli('db', 'push', '--schema', SCHEMA_PATH, '--url', url);
    const db = new Database(join(path, 'push.db'));
    db.prepare("INSERT INTO User (email, name, createdAt) VALUES ('a@x', NULL, '2025-01-01T00:00:00.000+00:00')").run();
    db.close();
    // Dropping a column loses data: push warns and refuses without --accept-data-loss.
    const required = join(path, 'required.prisma');
    writeFileSync(required, SCHEMA_TEXT.replace('  score     Float     @default(0)\n', ''));
    const refused = await cli('db', 'push', '--schema', required, '--url', url);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Warning');
    expect(await cli('db', 'push', '--schema', required, '--url', url, '--accept-data-loss')).toMatchObject({ code: 0 });
    const after = new Database(join(path, 'push.db'), { readonly: true });
    expect(after.prepare('SELECT email, name FROM User').all()).toEqual([{ email: 'a@x', name: null }]);
    expect(after.prepare("SELECT count(*) AS n FROM pragma_table_info('User') WHERE name = 'score'").get()).toEqual({ n: 0 });
    after.close();
  });

  it.skipIf(!supportsRedefine)('migrate deploy applies a later migration that redefines a table, keeping its rows (needs defer_foreign_keys and RENAME)', async () => {
    const path = dir();
    const folder = await writeMigrationsFolder(path);
    const url = `file:${join(path, 'dev.db')}`;
    await cli('migrate', 'deploy', '--schema', SCHEMA_PATH, '--migrations', folder, '--url', url);
    const db = new Database(join(path, 'dev.db'));
    db.prepare("INSERT INTO User (email, score, createdAt) VALUES ('a@x', 1.5, '2025-01-01T00:00:00.000+00:00')").run();
    db.prepare("INSERT INTO Post (title, authorId) VALUES ('p', 1)").run();
    db.close();
    // Dropping User.score: SQLite cannot drop it in place here, so Prisma writes a table redefinition.
    const next = join(path, 'next.prisma');
    writeFileSync(next, SCHEMA_TEXT.replace('  score     Float     @default(0)\n', ''));
    const diff = await cli('migrate', 'diff', '--from-migrations', folder, '--to-schema', next, '--script');
    expect(diff.out).toContain('CREATE TABLE "new_User"');
    mkdirSync(join(folder, '20260102000000_drop_score'));
    writeFileSync(join(folder, '20260102000000_drop_score', 'migration.sql'), diff.out);
    const deployed = await cli('migrate', 'deploy', '--schema', next, '--migrations', folder, '--url', url);
    expect(deployed.out).toContain('Applied 20260102000000_drop_score');
    const after = new Database(join(path, 'dev.db'), { readonly: true });
    expect(after.prepare('SELECT u.email, p.title FROM User u JOIN Post p ON p.authorId = u.id').all()).toEqual([{ email: 'a@x', title: 'p' }]);
    expect(after.prepare("SELECT count(*) AS n FROM pragma_table_info('User') WHERE name = 'score'").get()).toEqual({ n: 0 });
    expect(after.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    after.close();
  });

  it('prints usage for an unknown command', async () => {
    const result = await cli('migrate', 'sideways');
    expect(result.code).toBe(1);
    expect(result.out).toContain('Usage:');
  });
});
