// Many clients running interactive transactions: read a row, await "application work", write it back,
// commit; each client on its own rows. Every engine uses its best mechanism (named in the results).

import { answerOf } from '../answer.js';
import { sleep } from '../util/mutex.js';
import type { Workload } from './types.js';

export const interactiveTransactions: Workload = {
  id: 'interactive-transactions',
  title: 'Interactive transactions',
  unit: 'ms',
  describe: (sizes) =>
    `${sizes.clients} clients × ${sizes.transactionsPerClient} transactions: SELECT row, await ${sizes.appWorkMs} ms, UPDATE row, COMMIT (distinct rows)`,
  async setup(engine, context) {
    const { clients, transactionsPerClient, appWorkMs } = context.sizes;
    const accounts = clients * transactionsPerClient;
    let mechanism = '';
    const prepareDatabase = async (): Promise<string> => {
      const path = context.scratch.freshPath(`interactive-${engine.id}`);
      const connection = await engine.open(path);
      await connection.exec('CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, touched INTEGER NOT NULL)');
      const insert = await connection.prepare('INSERT INTO accounts VALUES (?, ?, 0)');
      await connection.exec('BEGIN');
      for (let id = 1; id <= accounts; id++) await insert.run([id, id * 100]);
      await connection.exec('COMMIT');
      insert.finalize();
      await connection.close();
      return path;
    };
    // The first session tells us the mechanism before any measurement is printed.
    {
      const path = await prepareDatabase();
      const session = await engine.interactive(path, clients);
      mechanism = session.mechanism;
      await session.close();
      context.scratch.remove(path);
    }
    return {
      mechanism,
      async measure(deadline) {
        const path = await prepareDatabase();
        const session = await engine.interactive(path, clients);
        const started = performance.now();
        let value: number;
        // The first failure (or the time limit) stops every client before the session closes under them.
        let failure: unknown;
        try {
          await Promise.all(
            Array.from({ length: clients }, async (_, client) => {
              for (let k = 0; k < transactionsPerClient && failure === undefined; k++) {
                const id = client * transactionsPerClient + k + 1;
                try {
                  deadline.check();
                  await session.transact(client, async (tx) => {
                    const row = await tx.get('SELECT balance FROM accounts WHERE id = ?', [id]);
                    await sleep(appWorkMs);
                    await tx.run('UPDATE accounts SET balance = ?, touched = touched + 1 WHERE id = ?', [Number(row?.[0]) + client + 1, id]);
                  });
                } catch (error) {
                  failure ??= error;
                }
              }
            }),
          );
          if (failure !== undefined) throw failure;
          value = performance.now() - started;
        } finally {
          await session.close();
        }
        const check = await engine.open(path);
        const summary = await check.prepare('SELECT count(*) AS n, sum(balance) AS total, sum(touched) AS touched, min(touched) AS least FROM accounts');
        const rows = await summary.all();
        summary.finalize();
        await check.close();
        context.scratch.remove(path);
        return { value, answer: answerOf(rows) };
      },
      async close() {},
    };
  },
};
