// migrate(db, { migrationsFolder }): applies drizzle-kit's generated migrations, the pending ones in
// one transaction on one pooled connection (Drizzle's async migrator, through this driver's session).

import type { MigrationConfig } from 'drizzle-orm/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { SQLiteAsyncDialect, SQLiteSession } from 'drizzle-orm/sqlite-core';
import type { TandemDatabase } from './driver.js';

export type { MigrationConfig };

export async function migrate<TSchema extends Record<string, unknown>>(db: TandemDatabase<TSchema>, config: MigrationConfig): Promise<void> {
  const migrations = readMigrationFiles(config);
  const { dialect, session } = db as unknown as { dialect: SQLiteAsyncDialect; session: SQLiteSession<'async', unknown, Record<string, unknown>, never> };
  await dialect.migrate(migrations, session as never, config);
}
