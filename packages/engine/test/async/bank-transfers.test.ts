// Stress: 32 async connections run ~2000 interactive transfer transactions (BEGIN IMMEDIATE, awaits
// between statements) on one file, some attempts failing on purpose with a retryable error (re-run
// by transaction()) or an application error (rolled back). Money is conserved, every committed
// transfer is logged exactly once, no SQLITE_BUSY escapes, and SQLite itself finds the file intact.

import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import Database, { connect, SqliteError, type Connection } from '../../src/index.js';
import { temporaryDirectory, tick } from './support/step-scheduler.js';
import { seededRandom as random } from '../../src/common/random.js';

const CONNECTIONS = 32;
const TRANSFERS_PER_CONNECTION = 63; // 2016 transactions
const ACCOUNTS = 50;
const OPENING_BALANCE = 1000;

let dir: { dir: string; cleanup(): void };
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.cleanup());


class ApplicationError extends Error {}

it('32 connections of interactive transfers conserve the total and leave an intact database', { timeout: 60_000 }, async () => {
  const file = join(dir.dir, 'bank.db');
  const setup = new Database(file);
  setup.exec('CREATE TABLE account(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL); CREATE TABLE transfer(id INTEGER PRIMARY KEY, src INTEGER, dst INTEGER, amount INTEGER, client INTEGER)');
  const open = setup.prepare('INSERT INTO account VALUES (?, ?)');
  setup.transaction(() => {
    for (let id = 1; id <= ACCOUNTS; id++) open.run(id, OPENING_BALANCE);
  })();
  setup.close();

  const connections: Connection[] = [];
  for (let i = 0; i < CONNECTIONS; i++) connections.push(await connect(file));
  let committed = 0;
  let injectedRetries = 0;
  let applicationErrors = 0;
  const escaped: unknown[] = [];

  const client = async (index: number): Promise<void> => {
    const db = connections[index]!;
    const next = random(1234 + index);
    const balanceOf = db.prepare('SELECT balance FROM account WHERE id = ?').pluck();
    for (let n = 0; n < TRANSFERS_PER_CONNECTION; n++) {
      const src = 1 + Math.floor(next() * ACCOUNTS);
      const dst = 1 + ((src + Math.floor(next() * (ACCOUNTS - 1))) % ACCOUNTS);
      const amount = 1 + Math.floor(next() * 50);
      try {
        await db.transaction(
          async (tx) => {
            const balance = (await balanceOf.get(src)) as number;
            if (next() < 0.5) await tick(); // let other connections run mid-transaction
            const moved = Math.min(amount, balance);
            await tx.prepare('UPDATE account SET balance = balance - ? WHERE id = ?').run(moved, src);
            if (next() < 0.1) {
              injectedRetries++;
              throw new SqliteError('database is locked', 'SQLITE_BUSY_SNAPSHOT'); // re-run by transaction()
            }
            await tx.prepare('UPDATE account SET balance = balance + ? WHERE id = ?').run(moved, dst);
            if (next() < 0.03) {
              applicationErrors++;
              throw new ApplicationError('rolled back on purpose');
            }
            await tx.prepare('INSERT INTO transfer(src, dst, amount, client) VALUES (?, ?, ?, ?)').run(src, dst, moved, index);
          },
          { mode: 'immediate', retries: 20 },
        );
        committed++;
      } catch (error) {
        if (!(error instanceof ApplicationError)) escaped.push(error);
      }
    }
  };
  await Promise.all(connections.map((_, i) => client(i)));

  expect(escaped).toEqual([]);
  expect(injectedRetries).toBeGreaterThan(50);
  expect(applicationErrors).toBeGreaterThan(10);
  expect(committed + applicationErrors).toBe(CONNECTIONS * TRANSFERS_PER_CONNECTION);
  const check = connections[0]!;
  expect(await check.prepare('SELECT sum(balance) FROM account').pluck().get()).toBe(ACCOUNTS * OPENING_BALANCE);
  expect(await check.prepare('SELECT count(*) FROM transfer').pluck().get()).toBe(committed);
  expect(await check.prepare('SELECT min(balance) >= 0 FROM account').pluck().get()).toBe(1);
  expect(await check.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
  for (const connection of connections) await connection.close();

  // SQLite reads the same file: intact, same totals.
  const oracle = new BetterSqlite3(file, { readonly: true });
  try {
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(oracle.prepare('SELECT sum(balance) FROM account').pluck().get()).toBe(ACCOUNTS * OPENING_BALANCE);
    expect(oracle.prepare('SELECT count(*) FROM transfer').pluck().get()).toBe(committed);
  } finally {
    oracle.close();
  }
});
