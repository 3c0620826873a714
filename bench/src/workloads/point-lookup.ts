// Point lookups by primary key (rowid), one prepared statement, random keys (some past the end: misses).

import { answerOf } from '../answer.js';
import type { Row } from '../engines/types.js';
import { Prng } from '../util/prng.js';
import type { Workload } from './types.js';

export const pointLookup: Workload = {
  id: 'point-lookup',
  title: 'Point lookup by rowid',
  unit: 'ms',
  describe: (sizes) => `${sizes.lookups} × SELECT … FROM orders WHERE id = ? (random ids, ~1% misses)`,
  buildFixtures: (context) => void context.fixtures.shop(),
  async setup(engine, context) {
    const path = context.scratch.copyOf(context.fixtures.shop(), `lookup-${engine.id}`);
    const connection = await engine.open(path);
    const lookup = await connection.prepare('SELECT customer_id, qty, amount FROM orders WHERE id = ?');
    const random = new Prng(5);
    const ceiling = Math.ceil(context.sizes.orders * 1.01);
    const ids = Array.from({ length: context.sizes.lookups }, () => [random.int(1, ceiling)]);
    return {
      async measure(deadline) {
        const found: Row[] = [];
        const started = performance.now();
        for (let i = 0; i < ids.length; i++) {
          if ((i & 255) === 0) deadline.check();
          const result = lookup.get(ids[i]!);
          const row = result instanceof Promise ? await result : result;
          found.push(row ?? ['miss']);
        }
        const value = performance.now() - started;
        return { value, answer: answerOf(found) };
      },
      async close() {
        lookup.finalize();
        await connection.close();
        context.scratch.remove(path);
      },
    };
  },
};
