// Workload sizes and repetition counts: the full run, the --quick run, and the tiny run the tests use.

export interface Sizes {
  /** Rows inserted in one transaction by the bulk-insert workload. */
  readonly bulkRows: number;
  /** Primary-key lookups per repetition. */
  readonly lookups: number;
  /** Rows of the shop fixture's orders table (customers = orders / 10, products fixed). */
  readonly orders: number;
  readonly products: number;
  /** Queries per repetition for the index-range and ORDER BY … LIMIT workloads. */
  readonly rangeQueries: number;
  /** Rows the recursive CTE generates. */
  readonly cteRows: number;
  /** Interactive-transaction clients and transactions each runs. */
  readonly clients: number;
  readonly transactionsPerClient: number;
  /** Application work inside each interactive transaction, in ms. */
  readonly appWorkMs: number;
  /** Tables in the database the open-time workload opens. */
  readonly tables: number;
  /** Size of the database the memory workload scans, and the page cache it scans it with. */
  readonly scanMiB: number;
  readonly cacheKiB: number;
  /** Timed repetitions (the median is reported) and untimed warm-ups per engine and workload. */
  readonly repetitions: number;
  readonly warmups: number;
  /** After the first repetition, an engine stops repeating once it has spent this long on a workload. */
  readonly budgetMs: number;
  /** Hard limit on one engine's time in one workload (setup, warm-up, repetitions): past it, TIMEOUT. */
  readonly timeLimitMs: number;
}

export const fullSizes: Sizes = {
  bulkRows: 200_000,
  lookups: 100_000,
  orders: 200_000,
  products: 1_000,
  rangeQueries: 200,
  cteRows: 500_000,
  clients: 32,
  transactionsPerClient: 20,
  appWorkMs: 1,
  tables: 1_000,
  scanMiB: 48,
  cacheKiB: 4_096,
  repetitions: 5,
  warmups: 1,
  budgetMs: 8_000,
  timeLimitMs: 20_000,
};

export const quickSizes: Sizes = {
  bulkRows: 20_000,
  lookups: 10_000,
  orders: 20_000,
  products: 500,
  rangeQueries: 100,
  cteRows: 50_000,
  clients: 32,
  transactionsPerClient: 4,
  appWorkMs: 1,
  tables: 1_000,
  scanMiB: 8,
  cacheKiB: 1_024,
  repetitions: 3,
  warmups: 1,
  budgetMs: 1_200,
  timeLimitMs: 2_500,
};

/** Small enough for a unit test to run every workload on several engines in seconds. */
export const tinySizes: Sizes = {
  bulkRows: 500,
  lookups: 200,
  orders: 1_000,
  products: 50,
  rangeQueries: 5,
  cteRows: 500,
  clients: 4,
  transactionsPerClient: 2,
  appWorkMs: 1,
  tables: 30,
  scanMiB: 1,
  cacheKiB: 256,
  repetitions: 1,
  warmups: 0,
  budgetMs: 500,
  timeLimitMs: 20_000,
};

/** Multiplies the row-count sizes by `scale` (repetitions, clients and cache are left alone). */
export function scaleSizes(sizes: Sizes, scale: number): Sizes {
  const times = (n: number): number => Math.max(1, Math.round(n * scale));
  return {
    ...sizes,
    bulkRows: times(sizes.bulkRows),
    lookups: times(sizes.lookups),
    orders: Math.max(100, times(sizes.orders)),
    cteRows: times(sizes.cteRows),
    scanMiB: Math.max(1, times(sizes.scanMiB)),
  };
}
