// The interactive-transaction mechanism for engines with one synchronous connection: clients queue on an
// async mutex and hold the connection for their whole BEGIN..COMMIT, application wait included.

import { AsyncMutex } from '../util/mutex.js';
import type { EngineConnection, EngineStatement, InteractiveSession, Row, SqlParam, TransactionHandle } from './types.js';

export function mutexSession(connection: EngineConnection, mechanism: string, begin = 'BEGIN IMMEDIATE'): InteractiveSession {
  const mutex = new AsyncMutex();
  const statements = new Map<string, EngineStatement>();
  const statement = async (sql: string): Promise<EngineStatement> => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = await connection.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const handle: TransactionHandle = {
    get: async (sql: string, params: readonly SqlParam[]): Promise<Row | undefined> => (await statement(sql)).get(params),
    run: async (sql: string, params: readonly SqlParam[]): Promise<void> => (await statement(sql)).run(params),
  };
  return {
    mechanism,
    async transact(_client: number, body: (tx: TransactionHandle) => Promise<void>): Promise<void> {
      await mutex.lock();
      try {
        await connection.exec(begin);
        try {
          await body(handle);
          await connection.exec('COMMIT');
        } catch (error) {
          await connection.exec('ROLLBACK');
          throw error;
        }
      } finally {
        mutex.unlock();
      }
    },
    async close(): Promise<void> {
      for (const prepared of statements.values()) prepared.finalize();
      await connection.close();
    },
  };
}
