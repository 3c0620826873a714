// Every real-world database in the corpora (Chinook, Northwind with overflow BLOBs, 1024-byte pages,
// WAL-mode files with free pages) opens through the public API and every table reads back exactly as
// better-sqlite3 reads it: same rows, same order, same storage classes, same bytes.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { useConnectionFactory } from '../../src/api/connection-factory.js';
import { tandemEngineAvailable } from '../api/support/differential.js';
import { openOracleConnection } from '../api/support/oracle-connection.js';
import { corpusDatabases } from './support/corpora.js';
import { readEverything } from './support/read-all.js';

const databases = corpusDatabases('corpus read-back tests');
const engine = tandemEngineAvailable();
if (!engine) console.warn('[tandem] engine/connection.ts not available yet: corpus read-back on the engine skipped');
const workDir = mkdtempSync(join(tmpdir(), 'tandem-corpus-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function privateCopy(source: string, tag: string): string {
  const target = join(workDir, `${tag}-${basename(source)}`);
  copyFileSync(source, target);
  return target;
}

// The API layer alone (over an SQLite-backed connection) must already preserve every value exactly;
// the Tandem engine must then match it.
const targets = [
  { name: 'API layer over SQLite', enabled: true, oracleConnection: true },
  { name: 'Tandem engine', enabled: engine, oracleConnection: false },
];

for (const target of targets) {
  describe.skipIf(!target.enabled || databases.length === 0)(`corpus databases read identically (${target.name})`, () => {
    for (const source of databases) {
      it(basename(source), () => {
        const expected = readEverything(BetterSqlite3, privateCopy(source, 'oracle'), { includeViews: true });
        expect(expected.failure, 'better-sqlite3 must read the pristine corpus').toBeUndefined();
        const restore = target.oracleConnection ? useConnectionFactory(openOracleConnection) : () => {};
        let actual;
        try {
          actual = readEverything(Database as never, privateCopy(source, 'tandem'), { includeViews: true });
        } finally {
          restore();
        }
        expect(actual.failure).toBeUndefined();
        expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
        for (const table of Object.keys(expected.tables)) {
          // Row count first: a short read gives a readable failure before the full comparison.
          const rows = actual.tables[table];
          const expectedRows = expected.tables[table] as string[][];
          expect(Array.isArray(rows) ? rows.length : rows, `${table}: row count`).toBe(expectedRows.length);
          expect(rows, `${table}: rows`).toEqual(expectedRows);
        }
      });
    }
  });
}
