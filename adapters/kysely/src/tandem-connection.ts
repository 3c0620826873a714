// One Kysely DatabaseConnection over one connection borrowed from the pool: queries run as
// prepared statements (reader statements return rows; others insertId and numAffectedRows), and
// SELECTs stream with iterate(). Parameters are passed as one array (never mistaken for call options).

import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type QueryResult } from 'kysely';
import type { PooledConnection, PooledStatement } from '@tandem/pool';

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

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiledQuery.sql);
    try {
      const params = [...compiledQuery.parameters];
      if (statement.reader) return { rows: (await statement.all(params)) as R[] };
      const { changes, lastInsertRowid } = await statement.run(params);
      return { insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes), rows: [] };
    } finally {
      statement.finalize();
    }
  }

  /** Streams a SELECT's rows in chunks of up to chunkSize, reading them from the engine as they are consumed. */
  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    const size = Number.isInteger(chunkSize) && chunkSize > 0 ? chunkSize : 1;
    const statement = this.#prepare(compiledQuery.sql);
    const rows = statement.iterate([...compiledQuery.parameters]);
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

  /**
   * Kysely's inflightQueryAbortStrategy 'cancel query': interrupts the running statement (it fails
   * with SQLITE_INTERRUPT). With 'ignore query' the statement runs on, as Kysely documents.
   */
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
