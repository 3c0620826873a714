// ATTACH and DETACH: adding a database file (or a private ":memory:" one) to a connection under a
// name, and removing it, with SQLite's checks and messages (attachFunc / detachFunc in attach.c).

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { memoryVfs } from '../os/memory-vfs.js';
import { nodeVfs } from '../os/node-vfs.js';
import type { Vfs } from '../os/vfs.js';
import { MAX_ATTACHED, TEMP_DATABASE } from '../schema/database-list.js';
import { foldName } from '../schema/schema.js';
import { AttachedDatabase } from './attached-databases.js';
import { acquireDatabase } from './shared-database.js';

/** What ATTACH and DETACH need from the connection. */
export interface AttachHost {
  /** temp and attached databases by index (main is 0 and not in it). */
  readonly others: (AttachedDatabase | undefined)[];
  readonly readonly: boolean;
  readonly attachVfs: Vfs | undefined;
}

function nameOf(value: SqlValue): string {
  return value === null ? '' : typeof value === 'string' ? value : String(value);
}

function isMemoryName(path: string): boolean {
  return path === '' || path === ':memory:' || /^file::memory:/i.test(path);
}

export function attachDatabase(host: AttachHost, file: SqlValue, name: SqlValue): void {
  const schemaName = nameOf(name);
  const path = nameOf(file);
  const attached = host.others.filter((d) => d && d.index > TEMP_DATABASE).length;
  if (attached >= MAX_ATTACHED) throw new SqliteError(`too many attached databases - max ${MAX_ATTACHED}`);
  const folded = foldName(schemaName);
  if (folded === 'main' || host.others.some((d) => d && foldName(d.name) === folded)) throw new SqliteError(`database ${schemaName} is already in use`);
  const memory = isMemoryName(path);
  const vfs = memory ? memoryVfs() : (host.attachVfs ?? nodeVfs());
  let shared;
  try {
    shared = acquireDatabase(vfs, path, { readonly: host.readonly, create: !host.readonly, memory });
  } catch (error) {
    if (error instanceof SqliteError && error.code.startsWith('SQLITE_CANTOPEN')) throw new SqliteError(`unable to open database: ${path}`, 'SQLITE_CANTOPEN');
    throw error;
  }
  // SQLite reuses the lowest free slot after temp (it compacts the list on DETACH; the numbers
  // PRAGMA database_list shows are compacted the same way).
  let index = TEMP_DATABASE + 1;
  while (host.others[index]) index++;
  const database = new AttachedDatabase(schemaName, index, shared, () => shared, memory ? '' : vfs.fullPath(path), host.readonly, memory);
  try {
    // A file that is not a database fails here, as SQLite's ATTACH does.
    database.currentSchema(() => 0);
    database.schema = null;
  } catch (error) {
    database.close();
    throw error;
  }
  host.others[index] = database;
}

export function detachDatabase(host: AttachHost, name: SqlValue): void {
  const schemaName = nameOf(name);
  const folded = foldName(schemaName);
  // SQLite finds main (which may not go) but not temp by name here.
  if (folded === 'main') throw new SqliteError(`cannot detach database ${schemaName}`);
  const index = host.others.findIndex((d) => d !== undefined && d.index > TEMP_DATABASE && foldName(d.name) === folded);
  if (index < 0) throw new SqliteError(`no such database: ${schemaName}`);
  const database = host.others[index]!;
  if (database.inTransaction) throw new SqliteError(`database ${schemaName} is locked`);
  database.close();
  host.others[index] = undefined;
}
