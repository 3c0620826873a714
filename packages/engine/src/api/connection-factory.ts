// Where Database gets its engine Connection. The default opens the real engine; tests of the API's own
// logic (binding, row shapes) may substitute a fake connection for the duration of a test.

import { openConnection } from '../engine/connection.js';
import type { Connection, ConnectionOptions } from '../engine/types.js';

export type ConnectionFactory = (path: string, options: ConnectionOptions) => Connection;

let currentFactory: ConnectionFactory = openConnection;

export function openEngineConnection(path: string, options: ConnectionOptions): Connection {
  return currentFactory(path, options);
}

/** Test hook: routes new Databases to `factory` until the returned restore function is called. */
export function useConnectionFactory(factory: ConnectionFactory): () => void {
  const previous = currentFactory;
  currentFactory = factory;
  return () => {
    currentFactory = previous;
  };
}
