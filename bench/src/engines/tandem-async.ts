// Tandem through its async API (`connect(path)` → Connection with promise-returning statements and
// `transaction(fn, { mode: 'concurrent' })`). Every capability is detected at run time: the API is
// being written while this bench is, and a missing piece must read "n/a", not crash the run.

import { importTandem, rowValues } from './tandem-sync.js';
import type { EngineAdapter, EngineConnection, EngineStatement, InteractiveSession, OpenOptions, Row, SqlParam, TransactionHandle } from './types.js';
import { mutexSession } from './mutex-session.js';

interface AsyncStatement {
  raw?(toggle?: boolean): unknown;
  run(...params: unknown[]): Promise<unknown> | unknown;
  get(...params: unknown[]): Promise<unknown> | unknown;
  all(...params: unknown[]): Promise<unknown[]> | unknown[];
  iterate?(...params: unknown[]): AsyncIterable<unknown> | Iterable<unknown>;
  finalize?(): unknown;
  close?(): unknown;
}
interface AsyncConnection {
  exec?(sql: string): Promise<unknown> | unknown;
  prepare(sql: string): Promise<AsyncStatement> | AsyncStatement;
  transaction?(fn: (tx?: AsyncConnection) => Promise<unknown>, options?: { mode?: string }): Promise<unknown>;
  close(): Promise<unknown> | unknown;
}
type Connect = (path: string) => Promise<AsyncConnection>;

async function execOn(connection: AsyncConnection, sql: string): Promise<void> {
  if (typeof connection.exec === 'function') await connection.exec(sql);
  else await (await connection.prepare(sql)).run();
}

function wrapStatement(statement: AsyncStatement): EngineStatement {
  try {
    statement.raw?.(true);
  } catch {
    /* statements without rows refuse raw mode */
  }
  return {
    run: async (params: readonly SqlParam[] = []) => void (await statement.run(...params)),
    get: async (params: readonly SqlParam[] = []) => {
      const row = await statement.get(...params);
      return row === undefined || row === null ? undefined : rowValues(row);
    },
    all: async (params: readonly SqlParam[] = []) => (await statement.all(...params)).map(rowValues),
    each: async (params, onRow) => {
      let count = 0;
      if (typeof statement.iterate === 'function') {
        for await (const row of statement.iterate(...params)) {
          onRow(rowValues(row));
          count++;
        }
        return count;
      }
      for (const row of await statement.all(...params)) {
        onRow(rowValues(row));
        count++;
      }
      return count;
    },
    finalize: () => void (statement.finalize ?? statement.close)?.call(statement),
  };
}

function wrapConnection(connection: AsyncConnection): EngineConnection {
  return {
    exec: (sql: string) => execOn(connection, sql),
    prepare: async (sql: string) => wrapStatement(await connection.prepare(sql)),
    close: async () => void (await connection.close()),
  };
}

/** A transaction handle over `connection` whose statements are prepared once (as the other engines' sessions do). */
function handleFor(connection: AsyncConnection, cache: Map<string, AsyncStatement>): TransactionHandle {
  const statement = async (sql: string): Promise<AsyncStatement> => {
    let prepared = cache.get(sql);
    if (!prepared) {
      prepared = await connection.prepare(sql);
      try {
        prepared.raw?.(true);
      } catch {
        /* statements without rows refuse raw mode */
      }
      cache.set(sql, prepared);
    }
    return prepared;
  };
  return {
    get: async (sql: string, params: readonly SqlParam[]): Promise<Row | undefined> => {
      const row = await (await statement(sql)).get(...params);
      return row === undefined || row === null ? undefined : rowValues(row);
    },
    run: async (sql: string, params: readonly SqlParam[]) => void (await (await statement(sql)).run(...params)),
  };
}

/** Conflicts are retried; this many in a row for one transaction means livelock, reported as a failure. */
const maxAttempts = 100;

function isConflict(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** One connection per client, each transaction `transaction(fn, { mode: 'concurrent' })`, retried on conflict. */
async function concurrentSession(connect: Connect, path: string, clients: number): Promise<InteractiveSession | undefined> {
  const connections: AsyncConnection[] = [];
  for (let i = 0; i < clients; i++) {
    const connection = await connect(path);
    // The durability every engine in this workload gets (synchronous is per connection, as in SQLite).
    await execOn(connection, 'PRAGMA synchronous = NORMAL').catch(() => undefined);
    connections.push(connection);
  }
  const first = connections[0]!;
  if (typeof first.transaction !== 'function') {
    for (const connection of connections) await connection.close();
    return undefined;
  }
  try {
    await first.transaction(async () => undefined, { mode: 'concurrent' });
  } catch {
    for (const connection of connections) await connection.close();
    return undefined;
  }
  // Statements are prepared once per connection; the handle transaction() passes shares its session.
  const handles = connections.map((connection) => handleFor(connection, new Map()));
  return {
    mechanism: `${clients} connections, transaction(fn, { mode: 'concurrent' }) (BEGIN CONCURRENT)`,
    async transact(client, body) {
      const connection = connections[client % connections.length]!;
      const handle = handles[client % handles.length]!;
      for (let attempt = 1; ; attempt++) {
        try {
          await connection.transaction!(async () => body(handle), { mode: 'concurrent' });
          return;
        } catch (error) {
          if (!isConflict(error) || attempt >= maxAttempts) throw error;
        }
      }
    },
    async close() {
      for (const connection of connections) await connection.close();
    },
  };
}

export async function loadTandemAsync(): Promise<EngineAdapter> {
  return tandemAsyncAdapter(await importTandem());
}

/** Builds the adapter from the engine module's exports (tests pass a stand-in module). */
export function tandemAsyncAdapter(module: Record<string, unknown>): EngineAdapter {
  const connect = module.connect as Connect | undefined;
  if (typeof connect !== 'function') throw new Error('no connect() export (async API not implemented)');
  const open = async (path: string, options: OpenOptions = {}): Promise<EngineConnection> => {
    const connection = await connect(path);
    if (options.cacheKiB !== undefined) await execOn(connection, `PRAGMA cache_size = -${options.cacheKiB}`).catch(() => undefined);
    return wrapConnection(connection);
  };
  return {
    id: 'tandem-async',
    label: 'Tandem (async API)',
    storage: 'file',
    open,
    interactive: async (path, clients) =>
      (await concurrentSession(connect, path, clients)) ??
      mutexSession(wrapConnection(await connect(path)), '1 async connection + mutex, BEGIN IMMEDIATE (no concurrent mode yet)'),
  };
}
