// A power cut in the middle of BEGIN CONCURRENT traffic, under the fault-injecting VFS: several
// connections interleave concurrent transfer transactions at random (conflicts included) until the
// power goes at a random I/O operation, unsynced sectors lost or partly kept. After restart, the
// database holds exactly the transactions whose COMMIT returned, plus possibly the one whose COMMIT
// was cut, and nothing else; Tandem and SQLite (better-sqlite3, on the crash image) find it intact.
// TANDEM_STRESS=1 runs many more seeds.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection } from '../../src/engine/connection.js';
import { StepResult } from '../../src/engine/prepared.js';
import type { Connection } from '../../src/engine/types.js';
import { FaultVfs, seededRandom } from '../../src/os/fault-vfs.js';

const STRESS = process.env['TANDEM_STRESS'] === '1';
const SEEDS = STRESS ? 300 : 16;
const ACCOUNTS = 12;
const CONNECTIONS = 4;
const OPENING = 100;

function query(connection: Connection, sql: string): SqlValue[][] {
  const { statement } = connection.prepare(sql);
  if (!statement) return [];
  try {
    const rows: SqlValue[][] = [];
    for (;;) {
      const result = statement.step();
      if (result === StepResult.Row) rows.push([...statement.row()]);
      else if (result === StepResult.Done) return rows;
      else if (result === StepResult.Busy) throw new Error('unexpected busy');
    }
  } finally {
    statement.finalize();
  }
}

/** account id -> [balance, writer tag] */
type Model = Map<number, [number, number]>;

interface Transfer {
  tag: number;
  src: number;
  dst: number;
  amount: number;
  /** 0 begin, 1 read, 2 wrote src, 3 wrote dst + log, 4 ready to commit */
  step: number;
  balances: [number, number];
}

function readState(connection: Connection): { model: Model; tags: number[] } {
  const model: Model = new Map();
  for (const [id, balance, writer] of query(connection, 'SELECT id, balance, writer FROM account')) model.set(Number(id), [Number(balance), Number(writer)]);
  const tags = query(connection, 'SELECT tag FROM log ORDER BY tag').map(([tag]) => Number(tag));
  return { model, tags };
}

function apply(model: Model, t: Transfer): Model {
  const next = new Map(model);
  const moved = Math.min(t.amount, t.balances[0]);
  next.set(t.src, [t.balances[0] - moved, t.tag]);
  next.set(t.dst, [t.balances[1] + moved, t.tag]);
  return next;
}

function runSeed(seed: number, scratch: string): { committed: number; conflicts: number; cutInCommit: boolean } {
  const random = seededRandom(seed);
  const vfs = new FaultVfs(seed);
  const setup = openConnection('db', { vfs });
  setup.exec('CREATE TABLE account(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, writer INTEGER NOT NULL); CREATE TABLE log(id INTEGER PRIMARY KEY, tag INTEGER UNIQUE)');
  setup.exec(`INSERT INTO account VALUES ${Array.from({ length: ACCOUNTS }, (_, i) => `(${i + 1}, ${OPENING}, 0)`).join(', ')}`);
  if (random() < 0.5) setup.exec('PRAGMA wal_autocheckpoint = 20');
  let model: Model = readState(setup).model;
  const committedTags: number[] = [];
  const connections = Array.from({ length: CONNECTIONS }, () => openConnection('db', { vfs }));
  const running: (Transfer | null)[] = connections.map(() => null);
  let inFlight: Transfer | null = null;
  let nextTag = 1;
  let conflicts = 0;
  vfs.powerCutAtOp(1 + Math.floor(random() * 400), { keepUnsyncedProbability: random() < 0.5 ? 0 : random() });
  try {
    for (let turn = 0; turn < 5000 && !vfs.isDead; turn++) {
      const i = Math.floor(random() * CONNECTIONS);
      const db = connections[i]!;
      let t = running[i];
      if (!t) {
        const src = 1 + Math.floor(random() * ACCOUNTS);
        const dst = 1 + ((src + Math.floor(random() * (ACCOUNTS - 1))) % ACCOUNTS);
        t = running[i] = { tag: nextTag++, src, dst, amount: 1 + Math.floor(random() * 30), step: 0, balances: [0, 0] };
        db.exec('BEGIN CONCURRENT');
        continue;
      }
      if (t.step === 0) {
        const [[a], [b]] = [query(db, `SELECT balance FROM account WHERE id = ${t.src}`)[0]!, query(db, `SELECT balance FROM account WHERE id = ${t.dst}`)[0]!];
        t.balances = [Number(a), Number(b)];
      } else if (t.step === 1) {
        db.exec(`UPDATE account SET balance = ${t.balances[0] - Math.min(t.amount, t.balances[0])}, writer = ${t.tag} WHERE id = ${t.src}`);
      } else if (t.step === 2) {
        db.exec(`UPDATE account SET balance = ${t.balances[1] + Math.min(t.amount, t.balances[0])}, writer = ${t.tag} WHERE id = ${t.dst}; INSERT INTO log(tag) VALUES (${t.tag})`);
      } else {
        inFlight = t;
        running[i] = null;
        try {
          db.exec('COMMIT');
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY_SNAPSHOT') throw error;
          conflicts++;
          inFlight = null;
          continue;
        }
        model = apply(model, t);
        committedTags.push(t.tag);
        inFlight = null;
        continue;
      }
      t.step++;
    }
  } catch (error) {
    if (!vfs.isDead) throw error;
  }
  const cutInCommit = inFlight !== null;
  // The process dies here. Its connections are dropped from this process's registry of open files
  // (their I/O fails on the dead VFS, so nothing reaches the crash image).
  if (!vfs.isDead) vfs.powerCut();
  for (const connection of [setup, ...connections]) {
    try {
      connection.close();
    } catch {
      // the dead VFS refuses everything
    }
  }
  const after = vfs.restart();

  // SQLite reads the crash image as it is (before Tandem's recovery touches it).
  const image = join(scratch, `crash-${seed}.db`);
  writeFileSync(image, after.durableContent('db') ?? new Uint8Array());
  const wal = after.durableContent('db-wal');
  if (wal) writeFileSync(`${image}-wal`, wal);
  const oracle = new BetterSqlite3(image);
  let sqliteTags: number[];
  try {
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    sqliteTags = (oracle.prepare('SELECT tag FROM log ORDER BY tag').raw().all() as [number][]).map(([tag]) => tag);
  } finally {
    oracle.close();
  }

  const reopened = openConnection('db', { vfs: after });
  try {
    expect(query(reopened, 'PRAGMA integrity_check')).toEqual([['ok']]);
    const state = readState(reopened);
    const expectedTags = [...committedTags].sort((x, y) => x - y);
    const withInFlight = inFlight ? [...committedTags, inFlight.tag].sort((x, y) => x - y) : null;
    const survived = inFlight !== null && state.tags.includes(inFlight.tag);
    expect(state.tags, `seed ${seed}`).toEqual(survived ? withInFlight : expectedTags);
    expect(sqliteTags, `seed ${seed}`).toEqual(state.tags);
    expect(state.model, `seed ${seed}`).toEqual(survived ? apply(model, inFlight!) : model);
    let total = 0;
    for (const [balance] of state.model.values()) total += balance;
    expect(total).toBe(ACCOUNTS * OPENING);
  } finally {
    reopened.close();
  }
  return { committed: committedTags.length, conflicts, cutInCommit };
}

describe('a power cut during concurrent commits', () => {
  it(`keeps exactly the committed transactions (${SEEDS} seeds)`, { timeout: STRESS ? 600_000 : 60_000 }, async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'tandem-concurrent-crash-'));
    try {
      let committed = 0;
      let conflicts = 0;
      let cutsInCommit = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const outcome = runSeed(seed, scratch);
        await new Promise((resolve) => setImmediate(resolve)); // long runs: let the test runner breathe
        committed += outcome.committed;
        conflicts += outcome.conflicts;
        if (outcome.cutInCommit) cutsInCommit++;
      }
      // The runs really exercised commits, conflicts and cuts inside COMMIT.
      expect(committed).toBeGreaterThan(SEEDS);
      expect(conflicts).toBeGreaterThan(0);
      expect(cutsInCommit).toBeGreaterThan(SEEDS / 4);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
