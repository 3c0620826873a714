// A correlated scalar subquery, evaluated once per outer row through the orders_customer index.

import { queryWorkload } from './query-workload.js';

export const correlatedSubquery = queryWorkload({
  id: 'correlated-subquery',
  title: 'Correlated subquery',
  describe: (sizes) => `for every 4th of ${Math.floor(sizes.orders / 10)} customers: (SELECT max(amount), count via EXISTS) from its orders`,
  calls: () => [
    {
      sql: `SELECT c.id AS id,
                   (SELECT max(o.amount) FROM orders o WHERE o.customer_id = c.id) AS top,
                   EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.qty = 10) AS bulk_buyer
              FROM customers c WHERE c.id % 4 = 0 ORDER BY c.id`,
    },
  ],
});
