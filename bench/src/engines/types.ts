// The adapter contract every engine implements so workloads stay engine-agnostic. Sync engines return
// plain values and async engines return promises (MaybePromise), so a sync engine's hot loop never pays
// for an await it does not need.

/** A value bound to a statement parameter (the subset every engine accepts). */
export type SqlParam = number | string | Uint8Array | null;

/** One result row, as its column values in SELECT order. */
export type Row = unknown[];

export type MaybePromise<T> = T | Promise<T>;

export interface EngineStatement {
  run(params?: readonly SqlParam[]): MaybePromise<void>;
  get(params?: readonly SqlParam[]): MaybePromise<Row | undefined>;
  all(params?: readonly SqlParam[]): MaybePromise<Row[]>;
  /** Streams rows to `onRow` without materialising them all; resolves to the row count. */
  each(params: readonly SqlParam[], onRow: (row: Row) => void): MaybePromise<number>;
  finalize(): void;
}

export interface EngineConnection {
  /** Runs one or more statements that return no rows. */
  exec(sql: string): MaybePromise<void>;
  prepare(sql: string): MaybePromise<EngineStatement>;
  close(): MaybePromise<void>;
}

export interface OpenOptions {
  /** Page cache size in KiB (PRAGMA cache_size = -N) where the engine supports it. */
  cacheKiB?: number;
}

/** A handle used inside one interactive transaction. */
export interface TransactionHandle {
  get(sql: string, params: readonly SqlParam[]): Promise<Row | undefined>;
  run(sql: string, params: readonly SqlParam[]): Promise<void>;
}

/** Many clients running interactive transactions against one database file. */
export interface InteractiveSession {
  /** How this engine lets clients interleave (printed in the results). */
  readonly mechanism: string;
  /** Runs `body` as one committed transaction for `client`, retrying it if the engine reports a conflict. */
  transact(client: number, body: (tx: TransactionHandle) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface EngineAdapter {
  /** Stable key used in JSON and on the command line. */
  readonly id: string;
  /** Human label for the table and chart. */
  readonly label: string;
  /** 'memory' engines (sql.js) load the file's bytes into memory and never write back. */
  readonly storage: 'file' | 'memory';
  open(path: string, options?: OpenOptions): Promise<EngineConnection>;
  interactive(path: string, clients: number): Promise<InteractiveSession>;
}

/** What loading an engine produced: an adapter, or the reason it cannot run here. */
export type EngineLoad =
  | { readonly id: string; readonly label: string; readonly adapter: EngineAdapter }
  | { readonly id: string; readonly label: string; readonly unavailable: string };
