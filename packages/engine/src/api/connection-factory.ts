// Where Database gets its engine Connection. The default opens the real engine; tests of the API's own
// logic (binding, row shapes) may substitute a fake connection for the duration of a test.

import { openConnection } from '../engine/connection.js';
import type { Connection, ConnectionOptions } from '../engine/types.js';

export type ConnectionFactory = (path: string, options: ConnectionOptions) => Connection;

let currentFactory: ConnectionFactory = openConnection;

/**
 * Opens an engine connection for the public APIs. Foreign keys start enforced unless the caller
 * says otherwise: better-sqlite3 builds SQLite with SQLITE_DEFAULT_FOREIGN_KEYS=1, and code
 * (and every ORM's SQLite driver) written against it relies on that.
 */
export function openEngineConnection(path: string, options: ConnectionOptions): Connection {
  return currentFactory(path, { ...options, foreignKeys: options.foreignKeys ?? true });
}

/** Test hook: routes new Databases to `factory` until the returned restore function is called. */
export function useConnectionFactory(factory: ConnectionFactory): () => void {
  const previous = currentFactory;
  currentFactory = factory;
  return () => {
    currentFactory = previous;
  };
}
