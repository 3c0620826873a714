// A recursive CTE generating N rows with a running value: pure VM work, no table access.

import { queryWorkload } from './query-workload.js';

export const recursiveCte = queryWorkload({
  id: 'recursive-cte',
  title: 'Recursive CTE',
  describe: (sizes) => `WITH RECURSIVE over ${sizes.cteRows} generated rows, aggregated`,
  calls: (sizes) => [
    {
      sql: `WITH RECURSIVE seq(n, acc) AS (SELECT 1, 7 UNION ALL SELECT n + 1, (acc * 31 + n) % 1000003 FROM seq WHERE n < ?)
            SELECT count(*) AS n, sum(acc) AS total, max(acc) AS top FROM seq`,
      params: [sizes.cteRows],
    },
  ],
});
