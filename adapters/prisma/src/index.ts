// @tandem/prisma: a Prisma 7 driver adapter for Tandem on the shared pool, and the schema engine
// (migrations, diff, push) running offline on it.

export { PrismaTandem, PrismaTandemAdapter, databasePath, type PrismaTandemOptions } from './adapter.js';
export { mapError } from './errors.js';
export { openSchemaEngine, type SchemaEngineHandle } from './schema-engine.js';
export { runCommand, type CommandOutput } from './commands.js';
