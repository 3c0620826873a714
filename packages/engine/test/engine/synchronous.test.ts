// PRAGMA synchronous: SQLite's values and errors (differential), kept per connection, and really
// deciding how often a commit syncs the WAL (counted on the fault-injecting VFS).

import Oracle from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { openConnection } from '../../src/internal.js';
import { faultVfs } from '../../src/os/fault-vfs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Db = { pragma(source: string, options?: { simple?: boolean }): unknown; exec(sql: string): unknown; close(): unknown };

function outcome(db: Db, source: string): unknown {
  try {
    return db.pragma(source);
  } catch (error) {
    return { error: (error as Error).message, code: (error as { code?: string }).code };
  }
}

it('reports and sets the safety level as SQLite does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-sync-'));
  dirs.push(dir);
  const tandem = new Database(join(dir, 'tandem.db')) as unknown as Db;
  const oracle = new Oracle(join(dir, 'oracle.db')) as unknown as Db;
  oracle.pragma('journal_mode = WAL');
  const script = ['synchronous', 'synchronous = OFF', 'synchronous', 'synchronous = normal', 'synchronous', 'synchronous = EXTRA',
    'synchronous', 'synchronous = bogus', 'synchronous', 'synchronous = 0', 'synchronous', 'synchronous = full', 'synchronous'];
  try {
    for (const step of script) expect(outcome(tandem, step), step).toEqual(outcome(oracle, step));
    tandem.exec('BEGIN');
    oracle.exec('BEGIN');
    expect(outcome(tandem, 'synchronous = 1')).toEqual(outcome(oracle, 'synchronous = 1'));
    expect(outcome(tandem, 'synchronous')).toEqual(outcome(oracle, 'synchronous'));
  } finally {
    tandem.close();
    oracle.close();
  }
});

it('FULL syncs the WAL at every commit, NORMAL and OFF do not; the setting is per connection', () => {
  const vfs = faultVfs(7);
  const full = openConnection('/db', { vfs });
  const relaxed = openConnection('/db', { vfs });
  full.exec('CREATE TABLE t(x)');
  const syncsPerCommit = (connection: typeof full): number => {
    const before = vfs.syncs;
    for (let i = 0; i < 10; i++) connection.exec(`INSERT INTO t VALUES (${i})`);
    return (vfs.syncs - before) / 10;
  };
  expect(syncsPerCommit(full)).toBeGreaterThanOrEqual(1);
  relaxed.exec('PRAGMA synchronous = NORMAL');
  expect(syncsPerCommit(relaxed)).toBe(0);
  relaxed.exec('PRAGMA synchronous = OFF');
  expect(syncsPerCommit(relaxed)).toBe(0);
  expect(syncsPerCommit(full)).toBeGreaterThanOrEqual(1);
  relaxed.close();
  full.close();
});

it('NORMAL syncs a WAL header only when old frames lie behind it (a restarted log), not in a new log', () => {
  const vfs = faultVfs(7);
  const setup = openConnection('/db', { vfs });
  setup.exec('CREATE TABLE t(x)');
  setup.close(); // checkpoints and deletes the WAL
  const db = openConnection('/db', { vfs });
  db.exec('PRAGMA synchronous = NORMAL');
  let before = vfs.syncs;
  db.exec('INSERT INTO t VALUES (1)');
  expect(vfs.syncs - before).toBe(0);
  db.exec('PRAGMA wal_checkpoint');
  before = vfs.syncs;
  db.exec('INSERT INTO t VALUES (2)'); // the log restarts over frame 1: its new header must be durable first
  expect(vfs.syncs - before).toBe(1);
  db.close();
});
