// Time to open a database with many tables and answer a first query (which forces the schema to load).

import { answerOf } from '../answer.js';
import { tableName } from '../fixtures/many-tables.js';
import type { Workload } from './types.js';

export const openManyTables: Workload = {
  id: 'open-many-tables',
  title: 'Open DB with many tables',
  unit: 'ms',
  describe: (sizes) => `open a ${sizes.tables}-table database, then SELECT from the last table (schema load included)`,
  buildFixtures: (context) => void context.fixtures.manyTables(),
  async setup(engine, context) {
    const path = context.scratch.copyOf(context.fixtures.manyTables(), `tables-${engine.id}`);
    const query = `SELECT label, amount, created, flags FROM ${tableName(context.sizes.tables)}`;
    return {
      async measure() {
        const started = performance.now();
        const connection = await engine.open(path);
        const statement = await connection.prepare(query);
        const rows = await statement.all();
        const value = performance.now() - started;
        statement.finalize();
        const schema = await connection.prepare("SELECT count(*) AS tables FROM sqlite_schema WHERE type = 'table'");
        rows.push(...(await schema.all()));
        schema.finalize();
        await connection.close();
        return { value, answer: answerOf(rows) };
      },
      async close() {
        context.scratch.remove(path);
      },
    };
  },
};
