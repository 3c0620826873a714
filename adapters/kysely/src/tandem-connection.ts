// One Kysely DatabaseConnection over one connection borrowed from the pool: queries run as
// prepared statements (reader statements return rows; others insertId and numAffectedRows), and
// SELECTs stream with iterate().

import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type QueryResult } from 'kysely';
import type { PooledConnection, PooledStatement } from '@tandem/pool';

interface Abortable {
  signal?: AbortSignal;
}

export class TandemConnection implements DatabaseConnection {
  readonly #connection: PooledConnection;
  readonly #safeIntegers: boolean;

  constructor(connection: PooledConnection, safeIntegers: boolean) {
    this.#connection = connection;
    this.#safeIntegers = safeIntegers;
  }

  /** The pooled connection underneath. */
  get pooled(): PooledConnection {
    return this.#connection;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery, options?: Abortable): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiledQuery.sql);
    try {
      const args = callArguments(compiledQuery.parameters, options);
      if (statement.reader) return { rows: (await statement.all(...args)) as R[] };
      const { changes, lastInsertRowid } = await statement.run(...args);
      return { insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes), rows: [] };
    } finally {
      statement.finalize();
    }
  }

  /** Streams a SELECT's rows in chunks of up to chunkSize, reading them from the engine as they are consumed. */
  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize: number, options?: Abortable): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    const size = Number.isInteger(chunkSize) && chunkSize > 0 ? chunkSize : 1;
    const statement = this.#prepare(compiledQuery.sql);
    const rows = statement.iterate(...callArguments(compiledQuery.parameters, options));
    try {
      let chunk: R[] = [];
      for await (const row of rows) {
        chunk.push(row as R);
        if (chunk.length >= size) {
          yield { rows: chunk };
          chunk = [];
        }
      }
      if (chunk.length > 0) yield { rows: chunk };
    } finally {
      await rows.return?.();
      statement.finalize();
    }
  }

  /** Interrupts the running query (it fails with SQLITE_INTERRUPT). */
  async cancelQuery(): Promise<void> {
    this.#connection.interrupt();
  }

  #prepare(sql: string): PooledStatement {
    const statement = this.#connection.prepare(sql);
    // Writes always report lastInsertRowid as bigint, so insertId is exact beyond 2^53.
    if (this.#safeIntegers || !statement.reader) statement.safeIntegers(true);
    return statement;
  }
}

/** Bind values, then the engine's call options when Kysely passes an abort signal. */
function callArguments(parameters: readonly unknown[], options: Abortable | undefined): unknown[] {
  return options?.signal ? [[...parameters], { signal: options.signal }] : [[...parameters]];
}
