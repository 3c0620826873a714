// Foreign keys on, once per pooled connection, as better-sqlite3 (and so Prisma's own SQLite
// adapters) have them: SQLite's default is off, and Prisma's relations (onDelete: Cascade …) rely on
// them. The pool has no per-connection setup hook, so connections already set are remembered.

import { SqliteError } from '@tandem/engine';
import type { PooledConnection } from '@tandem/pool';

const configured = new WeakSet<object>();

/** Turns foreign keys on for the connection's session, unless already done (outside any transaction). */
export async function enableForeignKeys(conn: PooledConnection): Promise<void> {
  const session = conn.lease.connection;
  if (configured.has(session)) return;
  try {
    await conn.exec('PRAGMA foreign_keys = ON');
  } catch (error) {
    // An engine without foreign-key support yet: nothing to turn on.
    if (!(error instanceof SqliteError && error.message.startsWith('not supported by Tandem yet'))) throw error;
  }
  configured.add(session);
}
