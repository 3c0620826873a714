import Database from 'better-sqlite3';
import { it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';
import { readFileSync } from 'node:fs';
it('scratch', () => {
  const statements = JSON.parse(readFileSync('/tmp/win/scratch.json', 'utf8')) as string[];
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  console.log(differences(connection, oracle, statements).join('\n\n') || 'SAME');
});
