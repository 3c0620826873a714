// Stress: 32 async connections run thousands of interactive transfers in BEGIN CONCURRENT mode
// (transaction(fn, { mode: 'concurrent' }), awaits between statements), on random accounts so real
// conflicts happen and are retried. Every attempt's reads and writes are recorded and checked for
// snapshot isolation (no dirty read, no lost update, one snapshot per transaction); money is
// conserved; no SQLITE_BUSY escapes the retry helper; Tandem and SQLite (better-sqlite3, on copies
// taken mid-run and on the final file) find the database intact.
// TANDEM_STRESS=1 runs ten times as many transfers.

import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import Database, { connect, type Connection } from '../../src/index.js';
import { seededRandom as random } from '../../src/common/random.js';
import { checkSnapshotIsolation, HistoryRecorder } from './support/history-checker.js';
import { temporaryDirectory, tick } from './support/step-scheduler.js';

const STRESS = process.env['TANDEM_STRESS'] === '1';
const CONNECTIONS = 32;
const TRANSFERS_PER_CONNECTION = STRESS ? 630 : 63; // 2016 transactions in CI
const ACCOUNTS = 40;
const OPENING_BALANCE = 1000;

let dir: { dir: string; cleanup(): void };
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.cleanup());

class ApplicationError extends Error {}

/** SQLite opens a copy of the database as it is on disk now (file + WAL) and checks it. */
function sqliteChecksCopy(file: string, name: string): { total: number; transfers: number } {
  const copy = join(dir.dir, name);
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const oracle = new BetterSqlite3(copy);
  try {
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    return {
      total: oracle.prepare('SELECT sum(balance) FROM account').pluck().get() as number,
      transfers: oracle.prepare('SELECT count(*) FROM transfer').pluck().get() as number,
    };
  } finally {
    oracle.close();
  }
}

it('32 connections of concurrent interactive transfers keep snapshot isolation and an intact database', { timeout: STRESS ? 600_000 : 60_000 }, async () => {
  const file = join(dir.dir, 'bank.db');
  const setup = new Database(file);
  setup.exec(`
    CREATE TABLE account(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, writer INTEGER NOT NULL);
    CREATE TABLE transfer(id INTEGER PRIMARY KEY, src INTEGER, dst INTEGER, amount INTEGER, tag INTEGER UNIQUE)`);
  const open = setup.prepare('INSERT INTO account VALUES (?, ?, 0)');
  setup.transaction(() => {
    for (let id = 1; id <= ACCOUNTS; id++) open.run(id, OPENING_BALANCE);
  })();
  setup.close();

  const connections: Connection[] = [];
  for (let i = 0; i < CONNECTIONS; i++) connections.push(await connect(file));
  const history = new HistoryRecorder();
  let committed = 0;
  let applicationErrors = 0;
  const escaped: unknown[] = [];
  const midRunChecks: { total: number; transfers: number }[] = [];
  let finishedClients = 0;

  const client = async (index: number): Promise<void> => {
    const db = connections[index]!;
    const next = random(4321 + index);
    const read = db.prepare('SELECT balance, writer FROM account WHERE id = ?').raw();
    const write = db.prepare('UPDATE account SET balance = ?, writer = ? WHERE id = ?');
    const log = db.prepare('INSERT INTO transfer(src, dst, amount, tag) VALUES (?, ?, ?, ?)');
    for (let n = 0; n < TRANSFERS_PER_CONNECTION; n++) {
      const src = 1 + Math.floor(next() * ACCOUNTS);
      const dst = 1 + ((src + Math.floor(next() * (ACCOUNTS - 1))) % ACCOUNTS);
      const witness = 1 + Math.floor(next() * ACCOUNTS); // read only: the snapshot must cover it too
      const amount = 1 + Math.floor(next() * 50);
      let last: ReturnType<HistoryRecorder['begin']> | null = null;
      try {
        await db.transaction(
          async (tx) => {
            const attempt = (last = history.begin());
            const [srcBalance, srcWriter] = (await read.get(src)) as [number, number];
            attempt.reads.set(src, srcWriter);
            if (next() < 0.5) await tick(); // other connections run mid-transaction
            const [dstBalance, dstWriter] = (await read.get(dst)) as [number, number];
            attempt.reads.set(dst, dstWriter);
            if (!attempt.reads.has(witness)) attempt.reads.set(witness, ((await read.get(witness)) as [number, number])[1]);
            if (next() < 0.5) await tick();
            const moved = Math.min(amount, srcBalance);
            await write.run(srcBalance - moved, attempt.tag, src);
            attempt.writes.add(src);
            if (next() < 0.3) await tick();
            await write.run(dstBalance + moved, attempt.tag, dst);
            attempt.writes.add(dst);
            if (next() < 0.03) {
              applicationErrors++;
              throw new ApplicationError('rolled back on purpose');
            }
            await log.run(src, dst, moved, attempt.tag);
            void tx;
          },
          { mode: 'concurrent', retries: 200 },
        );
        last!.committed = true;
        committed++;
      } catch (error) {
        if (!(error instanceof ApplicationError)) escaped.push(error);
      }
      if (index === 0 && n % 20 === 10) midRunChecks.push(sqliteChecksCopy(file, `mid-${n}.db`));
    }
    finishedClients++;
  };
  await Promise.all(connections.map((_, i) => client(i)));
  expect(finishedClients).toBe(CONNECTIONS);

  expect(escaped).toEqual([]);
  expect(applicationErrors).toBeGreaterThan(10);
  expect(committed + applicationErrors).toBe(CONNECTIONS * TRANSFERS_PER_CONNECTION);
  const attempts = history.attempts;
  const check = connections[0]!;
  const finalTags = new Map(((await check.prepare('SELECT id, writer FROM account').raw().all()) as [number, number][]).map(([id, tag]) => [id, tag]));
  expect(checkSnapshotIsolation(attempts, finalTags)).toEqual([]);
  const retried = attempts.length - CONNECTIONS * TRANSFERS_PER_CONNECTION;
  expect(retried).toBeGreaterThan(50); // real conflicts happened and were retried
  expect(await check.prepare('SELECT sum(balance) FROM account').pluck().get()).toBe(ACCOUNTS * OPENING_BALANCE);
  expect(await check.prepare('SELECT count(*) FROM transfer').pluck().get()).toBe(committed);
  expect(await check.prepare('SELECT count(*) FROM transfer WHERE tag IN (SELECT writer FROM account)').pluck().get()).toBeGreaterThan(0);
  expect(await check.prepare('SELECT min(balance) >= 0 FROM account').pluck().get()).toBe(1);
  expect(await check.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);

  expect(midRunChecks.length).toBeGreaterThan(2);
  for (const mid of midRunChecks) expect(mid.total).toBe(ACCOUNTS * OPENING_BALANCE);
  for (const connection of connections) await connection.close();

  const oracle = new BetterSqlite3(file, { readonly: true });
  try {
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(oracle.prepare('SELECT sum(balance) FROM account').pluck().get()).toBe(ACCOUNTS * OPENING_BALANCE);
    expect(oracle.prepare('SELECT count(*) FROM transfer').pluck().get()).toBe(committed);
  } finally {
    oracle.close();
  }
});
