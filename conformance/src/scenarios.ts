// The one list of conformance scenarios. Each ORM implements every scenario once (src/orms/*.ts),
// and the runner (harness.ts) drives each implementation on both engines.
//
// kind 'compare': the normalized results on Tandem must equal those on SQLite (better-sqlite3).
// kind 'tandem':  Tandem must meet the scenario's own assertions; SQLite runs it too and its
//                 behaviour is noted in the results table (e.g. what a single better-sqlite3
//                 connection does with 50 concurrent transactions).

export type ScenarioKind = 'compare' | 'tandem';

export interface Scenario {
  readonly name: string;
  readonly kind: ScenarioKind;
  readonly what: string;
}

export const SCENARIOS = [
  { name: 'crud-types', kind: 'compare', what: 'insert, read, update, delete one row with every column type and mode: reals, unicode text, blobs, booleans, dates, JSON, decimals; values the driver cannot bind' },
  { name: 'big-integers', kind: 'compare', what: 'integers beyond 2^53 (to ±2^63) written and read exactly, in the ORM\'s bigint mode, and what the default mode returns' },
  { name: 'relations', kind: 'compare', what: 'joins and relational queries (nested relations), ON DELETE CASCADE' },
  { name: 'upsert', kind: 'compare', what: 'ON CONFLICT DO UPDATE / DO NOTHING and the ORM\'s upsert API' },
  { name: 'returning', kind: 'compare', what: 'INSERT/UPDATE/DELETE … RETURNING, multi-row' },
  { name: 'aggregates', kind: 'compare', what: 'count/sum/avg/min/max, GROUP BY/HAVING, aggregates over an empty set' },
  { name: 'pagination', kind: 'compare', what: 'ORDER BY + LIMIT/OFFSET pages and keyset (cursor) pages' },
  { name: 'raw-sql', kind: 'compare', what: 'the ORM\'s raw SQL API with bound parameters of each type, CTEs, typeof()' },
  { name: 'transactions', kind: 'compare', what: 'commit, rollback on throw, nested transactions (savepoints) committed and rolled back' },
  { name: 'migrations', kind: 'compare', what: 'the ORM\'s migration tool, forward from empty through a table rebuild, then the resulting schema' },
  { name: 'introspection', kind: 'compare', what: 'the ORM\'s schema introspection of the conformance schema' },
  { name: 'constraint-errors', kind: 'compare', what: 'UNIQUE, NOT NULL, FOREIGN KEY, CHECK, PRIMARY KEY violations as the ORM\'s own error (class, code, message); the next query works' },
  { name: 'chinook', kind: 'compare', what: 'a temp copy of the Chinook sample database queried through the ORM' },
  { name: 'concurrency', kind: 'tandem', what: '50 concurrent interactive read-modify-write transactions: no SQLITE_BUSY reaches the app, no lost update' },
  { name: 'bad-input', kind: 'tandem', what: 'closed pool, released connection reused, throwing transaction callback, query after close, unopenable file: a clear error, then the next transaction goes through' },
] as const satisfies readonly Scenario[];

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

export const ORMS = ['drizzle', 'kysely', 'knex', 'prisma'] as const;
export type OrmName = (typeof ORMS)[number];

export const ENGINES = ['tandem', 'sqlite'] as const;
export type EngineName = (typeof ENGINES)[number];
