// Every workload, in the order the results table lists them.

import { bulkInsert } from './bulk-insert.js';
import { correlatedSubquery } from './correlated-subquery.js';
import { eventLoopGap } from './event-loop-gap.js';
import { filteredScan } from './filtered-scan.js';
import { groupBy } from './group-by.js';
import { indexRangeAggregate } from './index-range-aggregate.js';
import { interactiveTransactions } from './interactive-transactions.js';
import { openManyTables } from './open-many-tables.js';
import { orderByLimit } from './order-by-limit.js';
import { pointLookup } from './point-lookup.js';
import { recursiveCte } from './recursive-cte.js';
import { scanMemory } from './scan-memory.js';
import { threeTableJoin } from './three-table-join.js';
import type { Workload } from './types.js';

export const allWorkloads: readonly Workload[] = [
  bulkInsert,
  pointLookup,
  indexRangeAggregate,
  groupBy,
  threeTableJoin,
  filteredScan,
  orderByLimit,
  correlatedSubquery,
  recursiveCte,
  interactiveTransactions,
  eventLoopGap,
  openManyTables,
  scanMemory,
];
