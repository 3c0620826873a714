// ORDER BY … LIMIT served by an index: walk orders_created backwards from a bound, stop after 20 rows.

import { createdBase } from '../fixtures/shop.js';
import { Prng } from '../util/prng.js';
import { queryWorkload } from './query-workload.js';

export const orderByLimit = queryWorkload({
  id: 'order-by-limit',
  title: 'ORDER BY … LIMIT (index)',
  describe: (sizes) => `${sizes.rangeQueries} × SELECT … FROM orders WHERE created < ? ORDER BY created DESC LIMIT 20`,
  calls(sizes) {
    const random = new Prng(13);
    return Array.from({ length: sizes.rangeQueries }, () => ({
      sql: 'SELECT id, created, amount FROM orders WHERE created < ? ORDER BY created DESC LIMIT 20',
      params: [createdBase + random.int(0, sizes.orders * 10)],
    }));
  },
});
