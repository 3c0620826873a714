// The parts of Knex's SQLite dialect this client builds on. They are CommonJS modules outside Knex's
// typed surface, so they are loaded with require() and given the few types used here.

import { createRequire } from 'node:module';
import type { Knex } from 'knex';

const require = createRequire(import.meta.url);

/** Knex's SQLite transaction (foreign-key pragma handling, BEGIN; savepoints from the base class). */
export type KnexTransactionClass = new (client: Knex.Client, container: unknown, config: unknown, outerTx: unknown) => Record<string, any>;

/** Knex's better-sqlite3 client: SQLite's query, schema and DDL compilers, response handling. */
export const BetterSqlite3Client = require('knex/lib/dialects/better-sqlite3') as typeof Knex.Client;
export const SqliteTransaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction') as KnexTransactionClass;
