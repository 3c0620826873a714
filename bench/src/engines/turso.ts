// Turso (@tursodatabase/database, native Rust rewrite of SQLite) through its async connect() API.

import { connect } from '@tursodatabase/database';
import type { EngineAdapter, EngineConnection, EngineStatement, InteractiveSession, OpenOptions, Row, SqlParam, TransactionHandle } from './types.js';
import { mutexSession } from './mutex-session.js';

type TursoDatabase = Awaited<ReturnType<typeof connect>>;
type TursoStatement = Awaited<ReturnType<TursoDatabase['prepare']>>;

function wrapStatement(statement: TursoStatement): EngineStatement {
  try {
    statement.raw(true);
  } catch {
    // Statements that return no rows refuse raw mode; their rows are never read.
  }
  return {
    run: async (params = []) => void (await statement.run(...params)),
    get: (params = []) => statement.get(...params) as Promise<Row | undefined>,
    all: (params = []) => statement.all(...params) as Promise<Row[]>,
    each: async (params, onRow) => {
      let count = 0;
      for await (const row of statement.iterate(...params)) {
        onRow(row as Row);
        count++;
      }
      return count;
    },
    finalize: () => statement.close(),
  };
}

function wrapConnection(db: TursoDatabase): EngineConnection {
  return {
    exec: (sql: string) => db.exec(sql),
    prepare: async (sql: string) => wrapStatement(await db.prepare(sql)),
    close: () => db.close(),
  };
}

/** Same durability as the other engines get: WAL (Turso's default) with synchronous=NORMAL. */
async function connectTurso(path: string): Promise<TursoDatabase> {
  const db = await connect(path);
  await db.exec('PRAGMA synchronous = NORMAL');
  return db;
}

async function openTurso(path: string, options: OpenOptions = {}): Promise<EngineConnection> {
  const db = await connectTurso(path);
  if (options.cacheKiB !== undefined) await db.exec(`PRAGMA cache_size = -${options.cacheKiB}`);
  return wrapConnection(db);
}

/** Conflicts are retried; this many in a row for one transaction means livelock, reported as a failure. */
const maxAttempts = 100;

// Turso reports write-write conflicts of concurrent transactions as errors to retry; anything else is real.
function isConflict(error: unknown): boolean {
  const text = `${(error as { code?: unknown }).code ?? ''} ${(error as Error).message ?? ''}`.toLowerCase();
  return /conflict|busy|locked|snapshot/.test(text);
}

/** One connection per client in MVCC mode, each transaction BEGIN CONCURRENT, retried on conflict. */
async function concurrentSession(path: string, clients: number): Promise<InteractiveSession | undefined> {
  const first = await connectTurso(path);
  try {
    await first.exec("PRAGMA journal_mode = 'experimental_mvcc'");
    const mode = (await first.pragma('journal_mode', undefined)) as Array<{ journal_mode?: string }>;
    if (mode[0]?.journal_mode !== 'mvcc') throw new Error('MVCC mode not enabled');
  } catch {
    await first.close();
    return undefined;
  }
  const connections: TursoDatabase[] = [first];
  for (let i = 1; i < clients; i++) connections.push(await connectTurso(path));
  const handles = connections.map((db): TransactionHandle => {
    const cache = new Map<string, TursoStatement>();
    const statement = async (sql: string): Promise<TursoStatement> => {
      let prepared = cache.get(sql);
      if (!prepared) {
        prepared = await db.prepare(sql);
        if (prepared.reader) prepared.raw(true);
        cache.set(sql, prepared);
      }
      return prepared;
    };
    return {
      get: async (sql: string, params: readonly SqlParam[]) => (await (await statement(sql)).get(...params)) as Row | undefined,
      run: async (sql: string, params: readonly SqlParam[]) => void (await (await statement(sql)).run(...params)),
    };
  });
  return {
    mechanism: `${clients} connections, MVCC journal, BEGIN CONCURRENT (retry on conflict)`,
    async transact(client, body) {
      const db = connections[client % connections.length]!;
      const handle = handles[client % handles.length]!;
      for (let attempt = 1; ; attempt++) {
        await db.exec('BEGIN CONCURRENT');
        try {
          await body(handle);
          await db.exec('COMMIT');
          return;
        } catch (error) {
          await db.exec('ROLLBACK').catch(() => undefined);
          if (!isConflict(error) || attempt >= maxAttempts) throw error;
        }
      }
    },
    async close() {
      for (const db of connections) await db.close();
    },
  };
}

export async function loadTurso(): Promise<EngineAdapter> {
  return {
    id: 'turso',
    label: 'Turso (@tursodatabase/database)',
    storage: 'file',
    open: openTurso,
    interactive: async (path, clients) =>
      (await concurrentSession(path, clients)) ??
      mutexSession(wrapConnection(await connectTurso(path)), '1 connection + async mutex, BEGIN IMMEDIATE'),
  };
}
