// The exported Database constructor: better-sqlite3's Database may be called with or without `new`,
// so the class is wrapped in a Proxy whose call trap constructs (instanceof and statics still work).

import { Database as DatabaseClass, type DatabaseOptions } from './database.js';

export interface DatabaseConstructor {
  new (filename?: string | Uint8Array | null, options?: DatabaseOptions | null): DatabaseClass;
  (filename?: string | Uint8Array | null, options?: DatabaseOptions | null): DatabaseClass;
  readonly prototype: DatabaseClass;
  readonly SqliteError: typeof DatabaseClass.SqliteError;
}

export const Database: DatabaseConstructor = new Proxy(DatabaseClass, {
  apply(target, _thisArg, args: [string?, DatabaseOptions?]) {
    return new target(...args);
  },
}) as unknown as DatabaseConstructor;

/** The instance type, so `const db: Database = new Database()` reads naturally. */
export type Database = DatabaseClass;
