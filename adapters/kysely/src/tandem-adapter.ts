// What Kysely needs to know about Tandem: SQLite's adapter, but with real multiple connections
// (from the pool) and therefore a real migration lock.

import { SqliteAdapter, type Kysely, type MigrationLockOptions } from 'kysely';
import { SqliteError } from '@tandem/engine';

const POLL_MIN_MS = 5;
const POLL_MAX_MS = 200;

export class TandemAdapter extends SqliteAdapter {
  readonly #lockTimeout: number;

  constructor(migrationLockTimeoutMillis: number) {
    super();
    this.#lockTimeout = migrationLockTimeoutMillis;
  }

  override get supportsMultipleConnections(): boolean {
    return true;
  }

  /**
   * Takes the migration lock: flips the lock row's is_locked from 0 to 1 (one atomic write, so of
   * several migrators — on any connection, pool or process — exactly one succeeds), waiting with
   * backoff while another migrator holds it. The Migrator has created the lock row already.
   */
  override async acquireMigrationLock(db: Kysely<any>, options: MigrationLockOptions): Promise<void> {
    const deadline = Date.now() + this.#lockTimeout;
    for (let wait = POLL_MIN_MS; ; wait = Math.min(wait * 2, POLL_MAX_MS)) {
      const result = await lockTable(db, options)
        .updateTable(options.lockTable)
        .set({ is_locked: 1 })
        .where('id', '=', options.lockRowId)
        .where('is_locked', '=', 0)
        .executeTakeFirst();
      if (result.numUpdatedRows === 1n) return;
      if (Date.now() >= deadline) {
        throw new SqliteError(
          `timed out after ${this.#lockTimeout}ms waiting for the migration lock (row "${options.lockRowId}" of "${options.lockTable}"); ` +
            'if no migration is running, a crashed one left it set: reset is_locked to 0',
          'SQLITE_BUSY',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  override async releaseMigrationLock(db: Kysely<any>, options: MigrationLockOptions): Promise<void> {
    await lockTable(db, options).updateTable(options.lockTable).set({ is_locked: 0 }).where('id', '=', options.lockRowId).execute();
  }
}

function lockTable(db: Kysely<any>, options: MigrationLockOptions): Kysely<any> {
  return options.lockTableSchema ? db.withSchema(options.lockTableSchema) : db;
}
