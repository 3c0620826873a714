// Aggregates over ranges of an indexed column (orders.created): index seek, then a short range scan.

import { createdBase } from '../fixtures/shop.js';
import { Prng } from '../util/prng.js';
import { queryWorkload } from './query-workload.js';

export const indexRangeAggregate = queryWorkload({
  id: 'index-range-aggregate',
  title: 'Index range + aggregate',
  describe: (sizes) => `${sizes.rangeQueries} × SELECT count/sum/min/max FROM orders WHERE created BETWEEN ? AND ? (1% of rows each, index on created)`,
  calls(sizes) {
    const random = new Prng(11);
    const span = Math.max(10, Math.floor(sizes.orders * 10 * 0.01));
    return Array.from({ length: sizes.rangeQueries }, () => {
      const low = createdBase + random.int(0, sizes.orders * 10 - span);
      return {
        sql: 'SELECT count(*) AS n, sum(qty) AS q, min(amount) AS lo, max(amount) AS hi FROM orders WHERE created BETWEEN ? AND ?',
        params: [low, low + span],
      };
    });
  },
});
