// Tandem's public entry point: a better-sqlite3-compatible synchronous API over the pure-TypeScript
// engine. `import Database from '@tandem/engine'` works like `import Database from 'better-sqlite3'`.

import { Database } from './api/public-database.js';

export default Database;
export { Database };
export type { DatabaseConstructor } from './api/public-database.js';
export type { Database as DatabaseInstance, DatabaseOptions, PragmaOptions } from './api/database.js';
export type { Statement, RunResult, ColumnDefinition } from './api/statement.js';
export type { Transaction } from './api/transaction.js';
export type { FunctionOptions, AggregateOptions } from './api/user-functions.js';
export { connect, Connection, AsyncStatement } from './api/async/index.js';
export type { ConnectOptions, TransactionMode, TransactionOptions, BatchItem, BatchOptions, CallOptions } from './api/async/index.js';
export { SqliteError, ResultCode, type ResultCodeName } from './common/errors.js';
export type { SqlValue } from './common/values.js';
