// GROUP BY over the whole orders table: a full scan feeding a sorter or hash of groups.

import { queryWorkload } from './query-workload.js';

export const groupBy = queryWorkload({
  id: 'group-by',
  title: 'GROUP BY',
  describe: (sizes) => `SELECT product_id, count(*), sum(qty), total(amount) FROM orders (${sizes.orders} rows) GROUP BY product_id`,
  calls: () => [
    {
      sql: 'SELECT product_id AS product, count(*) AS n, sum(qty) AS q, total(amount) AS revenue FROM orders GROUP BY product_id ORDER BY product_id',
    },
  ],
});
