// @tandem/knex: a Knex client for Tandem, on the shared connection pool.

export { TandemClient, type TandemConnectionConfig, type TandemTransactionMode } from './tandem-client.js';
