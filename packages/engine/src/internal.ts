// What the API layer (and tests) use from the engine: opening connections and the statement
// contract. Everything else in the engine is internal.

export { openConnection, ConnectionImpl } from './engine/connection.js';
export { StepResult } from './engine/prepared.js';
export type { PreparedStatement, ResultColumn } from './engine/prepared.js';
export type { Connection, ConnectionOptions, ScalarFunctionDef, AggregateFunctionDef } from './engine/types.js';
export type { SqlValue } from './common/values.js';
export { SqliteError } from './common/errors.js';
