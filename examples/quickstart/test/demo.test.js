// Smoke test: the main demo runs end to end on the engine and prints what it should.
import { expect, test } from 'vitest';
import { runDemo } from '../index.js';

test('npm start demo runs on the embedded engine', () => {
  const lines = [];
  const { latest } = runDemo((line) => lines.push(line));
  expect(latest).toEqual({ title: 'Exhalation', year: 2019 });
  expect(lines).toContain('  1974  The Dispossessed');
  expect(lines.some((l) => l.includes('SQLITE_CONSTRAINT_UNIQUE') && l.includes('UNIQUE constraint failed: authors.name'))).toBe(true);
  expect(lines).toContain('PRAGMA integrity_check: ok');
});
