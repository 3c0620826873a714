// Deterministic interleavings of async connections on one database file: a StepScheduler decides when
// each connection runs its next slice. Proves snapshot stability under a concurrent commit, the FIFO
// writer queue (no overtaking), the busy timeout, stale-snapshot retries, and abort/timeout/interrupt.

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database, { connect, SqliteError, type Connection } from '../../src/index.js';
import { rejection, StepScheduler, temporaryDirectory, tick } from './support/step-scheduler.js';

let dir: { dir: string; cleanup(): void };
let file: string;
const opened: Connection[] = [];

beforeEach(() => {
  dir = temporaryDirectory();
  file = join(dir.dir, 'db.sqlite');
});
afterEach(async () => {
  for (const connection of opened.splice(0)) await connection.close();
  dir.cleanup();
});

async function open(options: Parameters<typeof connect>[1] = {}): Promise<Connection> {
  const connection = await connect(file, options);
  opened.push(connection);
  return connection;
}

/** A table t(x) holding 1..n, written through the sync API (which shares the database). */
async function seed(n: number): Promise<void> {
  const setup = new Database(file);
  setup.exec('CREATE TABLE t(x INTEGER)');
  const insert = setup.prepare('INSERT INTO t VALUES (?)');
  setup.transaction(() => {
    for (let i = 1; i <= n; i++) insert.run(i);
  })();
  setup.close();
}

describe('a reader mid-statement keeps its snapshot', () => {
  it('while another connection commits between its slices', async () => {
    await seed(3000);
    const scheduler = new StepScheduler();
    const reader = await open({ timeSlice: 0, yieldSlice: scheduler.yieldFor('reader') });
    const writer = await open();
    const scan = reader.prepare('SELECT count(*) AS n, sum(x) AS total FROM t').get();
    await scheduler.untilParked('reader');
    await scheduler.slice('reader', scan); // the scan has started: it holds its snapshot
    await scheduler.slice('reader', scan);
    expect(scheduler.isParked('reader')).toBe(true);
    await writer.exec('INSERT INTO t VALUES (1000000); DELETE FROM t WHERE x <= 1000');
    expect(await writer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2001);
    const result = await scheduler.runToEnd('reader', scan);
    expect(result).toEqual({ n: 3000, total: (3000 * 3001) / 2 });
    expect(scheduler.slices.get('reader')).toBeGreaterThan(10); // really interleaved, not one go
    // The next statement takes a new snapshot and sees the commit.
    const after = reader.prepare('SELECT count(*) FROM t').pluck().get();
    expect(await scheduler.runToEnd('reader', after)).toBe(2001);
  });
});

describe('the writer queue', () => {
  it('grants the write lock in arrival order, and a newcomer does not overtake waiting writers', async () => {
    const setup = await open();
    await setup.exec('CREATE TABLE log(who TEXT)');
    const holder = await open();
    const writers = await Promise.all(['w1', 'w2', 'w3', 'w4', 'w5'].map(() => open()));
    await holder.exec('BEGIN IMMEDIATE; INSERT INTO log VALUES (\'holder\')');
    const order = [3, 0, 4, 1, 2];
    const pending: Promise<unknown>[] = [];
    for (const i of order) {
      pending.push(writers[i]!.prepare('INSERT INTO log VALUES (?)').run(`w${i}`));
      await tick(); // w_i has stepped, met Busy and joined the queue
    }
    expect(await setup.prepare('SELECT count(*) FROM log').pluck().get()).toBe(0);
    const newcomer = await open();
    const commit = holder.exec('COMMIT');
    // Started in the same turn as the commit: the lock may be free for a moment, but others wait.
    pending.push(newcomer.prepare('INSERT INTO log VALUES (?)').run('newcomer'));
    await commit;
    await Promise.all(pending);
    const log = await setup.prepare('SELECT who FROM log ORDER BY rowid').pluck().all();
    expect(log).toEqual(['holder', ...order.map((i) => `w${i}`), 'newcomer']);
  });

  it('fails with SQLITE_BUSY after the busy timeout, without blocking the event loop, and lets the next writer on', async () => {
    await seed(1);
    const holder = await open();
    const impatient = await open({ busyTimeout: 80 });
    const patient = await open();
    await holder.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const started = performance.now();
    const failed = rejection(impatient.prepare('INSERT INTO t VALUES (2)').run());
    const later = patient.prepare('INSERT INTO t VALUES (3)').run();
    const error = await failed;
    const waited = performance.now() - started;
    clearInterval(ticker);
    expect(error).toBeInstanceOf(SqliteError);
    expect(error).toMatchObject({ code: 'SQLITE_BUSY', message: 'database is locked' });
    expect(waited).toBeGreaterThanOrEqual(75);
    expect(waited).toBeLessThan(2000);
    expect(ticks).toBeGreaterThan(10); // timers kept firing while it waited
    await holder.exec('COMMIT');
    expect(await later).toMatchObject({ changes: 1 });
    expect(await holder.prepare('SELECT group_concat(x) FROM t').pluck().get()).toBe('1,3');
  });

  it('with busyTimeout 0 fails at once', async () => {
    await seed(1);
    const holder = await open();
    const other = await open({ busyTimeout: 0 });
    await holder.exec('BEGIN IMMEDIATE');
    await expect(other.exec('BEGIN IMMEDIATE')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(other.inTransaction).toBe(false);
    await holder.exec('ROLLBACK');
  });
});

describe('stale snapshots', () => {
  it('transaction() re-runs fn after SQLITE_BUSY_SNAPSHOT and commits the second attempt', async () => {
    await seed(1); // t holds x = 1
    const a = await open();
    const b = await open();
    let attempts = 0;
    const result = await a.transaction(async (tx) => {
      attempts++;
      const x = (await tx.prepare('SELECT x FROM t').pluck().get()) as number;
      if (attempts === 1) await b.exec('UPDATE t SET x = 10'); // a's snapshot is now stale
      await tx.prepare('UPDATE t SET x = ?').run(x + 1);
      return x;
    });
    expect(attempts).toBe(2);
    expect(result).toBe(10);
    expect(await b.prepare('SELECT x FROM t').pluck().get()).toBe(11);
  });

  it('a deferred writer queued behind a committing writer is retried, never loses the update', async () => {
    await seed(1);
    const a = await open();
    const b = await open();
    await b.exec('BEGIN IMMEDIATE; UPDATE t SET x = x + 100');
    let attempts = 0;
    const increment = a.transaction(async (tx) => {
      attempts++;
      const x = (await tx.prepare('SELECT x FROM t').pluck().get()) as number;
      await tx.prepare('UPDATE t SET x = ?').run(x + 1); // queues for the lock b holds
      return x;
    });
    await tick();
    await b.exec('COMMIT');
    expect(await increment).toBe(101);
    expect(attempts).toBe(2);
    expect(await b.prepare('SELECT x FROM t').pluck().get()).toBe(102);
  });

  it('with retries: 0 the error reaches the caller and nothing is committed', async () => {
    await seed(1);
    const a = await open();
    const b = await open();
    const error = await rejection(
      a.transaction(
        async (tx) => {
          await tx.prepare('SELECT x FROM t').get();
          await b.exec('UPDATE t SET x = 5');
          await tx.exec('UPDATE t SET x = 7');
        },
        { retries: 0 },
      ),
    );
    expect(error).toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
    expect(a.inTransaction).toBe(false);
    expect(await a.prepare('SELECT x FROM t').pluck().get()).toBe(5);
  });

  it('rolls back when fn throws, and refuses an unknown mode clearly', async () => {
    await seed(1);
    const a = await open();
    const boom = new Error('boom');
    expect(
      await rejection(
        a.transaction(async (tx) => {
          await tx.exec('UPDATE t SET x = 99');
          throw boom;
        }),
      ),
    ).toBe(boom);
    expect(await a.prepare('SELECT x FROM t').pluck().get()).toBe(1);
    await expect(a.transaction(async () => 1, { mode: 'optimistic' as never })).rejects.toThrow('Unknown transaction mode "optimistic"');
    expect(await a.transaction(async () => 1, { mode: 'concurrent' })).toBe(1); // see concurrent.test.ts
  });
});

describe('abort, timeout and interrupt', () => {
  it('an AbortSignal stops a long query between slices with SQLITE_INTERRUPT', async () => {
    await seed(3000);
    const scheduler = new StepScheduler();
    const reader = await open({ timeSlice: 0, yieldSlice: scheduler.yieldFor('r') });
    const controller = new AbortController();
    const query = reader.prepare('SELECT sum(x) FROM t').get({ signal: controller.signal });
    await scheduler.untilParked('r');
    await scheduler.slice('r', query);
    controller.abort();
    const error = await rejection(scheduler.runToEnd('r', query));
    expect(error).toBeInstanceOf(SqliteError);
    expect(error).toMatchObject({ code: 'SQLITE_INTERRUPT', message: 'interrupted' });
    expect(scheduler.slices.get('r')).toBeLessThan(4);
    // The connection is usable again.
    expect(await scheduler.runToEnd('r', reader.prepare('SELECT count(*) FROM t').pluck().get())).toBe(3000);
  });

  it('aborting a half-done UPDATE rolls it back and frees the write lock', async () => {
    await seed(3000);
    const scheduler = new StepScheduler();
    const writer = await open({ timeSlice: 0, yieldSlice: scheduler.yieldFor('w') });
    const other = await open();
    const update = writer.prepare('UPDATE t SET x = x + 1').run();
    await scheduler.untilParked('w');
    for (let i = 0; i < 5; i++) await scheduler.slice('w', update);
    writer.interrupt();
    expect(await rejection(scheduler.runToEnd('w', update))).toMatchObject({ code: 'SQLITE_INTERRUPT' });
    expect(await other.prepare('SELECT sum(x) FROM t').pluck().get()).toBe((3000 * 3001) / 2);
    expect(await other.prepare('INSERT INTO t VALUES (0)').run()).toMatchObject({ changes: 1 });
  });

  it('a timeout ends a long query; an already-aborted signal runs nothing', async () => {
    await seed(2000);
    const reader = await open({ timeSlice: 1 });
    const started = performance.now();
    const error = await rejection(reader.prepare('SELECT count(*) FROM t a, t b WHERE a.x + b.x > 0').get({ timeout: 20 }));
    expect(error).toMatchObject({ code: 'SQLITE_INTERRUPT', message: 'interrupted' });
    expect(performance.now() - started).toBeLessThan(1000);
    const controller = new AbortController();
    controller.abort();
    await expect(reader.exec('INSERT INTO t VALUES (1)', { signal: controller.signal })).rejects.toMatchObject({ code: 'SQLITE_INTERRUPT' });
    expect(await reader.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2000);
  });

  it('aborting a writer queued for the lock removes it from the queue', async () => {
    await seed(1);
    const holder = await open();
    const aborted = await open();
    const next = await open();
    await holder.exec('BEGIN IMMEDIATE');
    const controller = new AbortController();
    const first = rejection(aborted.prepare('INSERT INTO t VALUES (2)').run({ signal: controller.signal }));
    await tick();
    const second = next.prepare('INSERT INTO t VALUES (3)').run();
    await tick();
    controller.abort();
    expect(await first).toMatchObject({ code: 'SQLITE_INTERRUPT' });
    await holder.exec('COMMIT');
    await second;
    expect(await holder.prepare('SELECT group_concat(x) FROM t').pluck().get()).toBe('1,3');
  });
});

describe('the sync API alongside', () => {
  it('fails fast with SQLITE_BUSY while an async connection holds the lock, and shares the data otherwise', async () => {
    await seed(1);
    const holder = await open();
    const sync = new Database(file, { timeout: 5000 });
    try {
      await holder.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (2)');
      const started = performance.now();
      expect(() => sync.prepare('INSERT INTO t VALUES (3)').run()).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY', message: 'database is locked' }));
      expect(performance.now() - started).toBeLessThan(100); // not the 5 s timeout
      expect(sync.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
      await holder.exec('COMMIT');
      sync.prepare('INSERT INTO t VALUES (3)').run();
      expect(await holder.prepare('SELECT group_concat(x) FROM t').pluck().get()).toBe('1,2,3');
    } finally {
      sync.close();
    }
  });
});
