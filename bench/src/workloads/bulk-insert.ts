// Bulk insert: N rows through one prepared INSERT inside one transaction, into a fresh database.

import { answerOf } from '../answer.js';
import { Prng } from '../util/prng.js';
import type { SqlParam } from '../engines/types.js';
import type { Workload } from './types.js';

export const bulkInsert: Workload = {
  id: 'bulk-insert',
  title: 'Bulk insert (1 transaction)',
  unit: 'ms',
  describe: (sizes) => `INSERT ${sizes.bulkRows} rows (int, real, text) with one prepared statement in one transaction, COMMIT included`,
  async setup(engine, context) {
    const random = new Prng(3);
    const rows: SqlParam[][] = Array.from({ length: context.sizes.bulkRows }, (_, i) => [i + 1, random.int(0, 1_000_000), random.int(0, 100_000) / 8, random.word(random.int(5, 30))]);
    return {
      async measure(deadline) {
        const path = context.scratch.freshPath(`bulk-${engine.id}`);
        const connection = await engine.open(path);
        try {
          await connection.exec('CREATE TABLE bulk(id INTEGER PRIMARY KEY, a INTEGER NOT NULL, b REAL NOT NULL, c TEXT NOT NULL)');
          const insert = await connection.prepare('INSERT INTO bulk VALUES (?, ?, ?, ?)');
          const started = performance.now();
          const begun = connection.exec('BEGIN');
          if (begun instanceof Promise) await begun;
          for (let i = 0; i < rows.length; i++) {
            if ((i & 255) === 0) deadline.check();
            const done = insert.run(rows[i]!);
            if (done instanceof Promise) await done;
          }
          const committed = connection.exec('COMMIT');
          if (committed instanceof Promise) await committed;
          const value = performance.now() - started;
          insert.finalize();
          const check = await connection.prepare('SELECT count(*) AS n, sum(a) AS a, total(b) AS b, sum(length(c)) AS c, max(id) AS top FROM bulk');
          const summary = await check.all();
          check.finalize();
          return { value, answer: answerOf(summary) };
        } finally {
          await connection.close();
          context.scratch.remove(path);
        }
      },
      async close() {},
    };
  },
};
