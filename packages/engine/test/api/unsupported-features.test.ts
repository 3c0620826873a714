// better-sqlite3 features Tandem does not have yet fail loudly with a SqliteError naming the feature,
// never silently (backup, serialize, deserialize, extensions, virtual tables).

import { describe, expect, it } from 'vitest';
import Database, { SqliteError } from '../../src/index.js';
import { tandemEngineAvailable } from './support/differential.js';

describe.skipIf(!tandemEngineAvailable())('unsupported better-sqlite3 features', () => {
  const db = new Database(':memory:');
  const cases: [string, () => unknown, RegExp][] = [
    ['backup()', () => db.backup('/tmp/x.db'), /backup\(\)/],
    ['serialize()', () => db.serialize(), /serialize\(\)/],
    ['loadExtension()', () => db.loadExtension('./ext.so'), /loadExtension\(\)/],
    ['table()', () => db.table('vt', {}), /virtual tables/],
    ['new Database(buffer)', () => new Database(new Uint8Array(0)), /serialized database/],
  ];
  for (const [name, call, feature] of cases) {
    it(`${name} throws SqliteError naming the feature`, () => {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SqliteError);
      expect((caught as SqliteError).message).toMatch(/^not supported by Tandem yet: /);
      expect((caught as SqliteError).message).toMatch(feature);
    });
  }
  it('the database stays usable', () => {
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
  });
});
