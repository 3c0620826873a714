// A full table scan with a filter no index serves, returning the matching rows.

import { queryWorkload } from './query-workload.js';

export const filteredScan = queryWorkload({
  id: 'filtered-scan',
  title: 'Full scan + filter',
  describe: (sizes) => `SELECT … FROM orders (${sizes.orders} rows) WHERE qty = 7 AND amount > 300 AND note LIKE '%a%' ORDER BY id`,
  calls: () => [
    {
      sql: "SELECT id, customer_id AS customer, amount, note FROM orders WHERE qty = 7 AND amount > 300 AND note LIKE '%a%' ORDER BY id",
    },
  ],
});
