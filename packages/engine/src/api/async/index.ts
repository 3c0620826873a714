// The async API's public surface: connect() and the Connection it returns.

export { connect, AsyncConnection as Connection, type ConnectOptions, type TransactionMode, type TransactionOptions, type BatchItem, type BatchOptions } from './connection.js';
export { AsyncStatement, type CallOptions } from './statement.js';
