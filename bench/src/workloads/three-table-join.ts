// A three-table join (orders → customers, orders → products) aggregated by region and category.

import { queryWorkload } from './query-workload.js';

export const threeTableJoin = queryWorkload({
  id: 'three-table-join',
  title: 'Three-table join',
  describe: (sizes) => `orders (${sizes.orders}) ⋈ customers ⋈ products, filtered on price, grouped by region and category`,
  calls: () => [
    {
      sql: `SELECT c.region AS region, p.category AS category, count(*) AS n, sum(o.qty) AS q
              FROM orders o JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id = o.product_id
             WHERE p.price > 50
             GROUP BY c.region, p.category ORDER BY c.region, p.category`,
    },
  ],
});
