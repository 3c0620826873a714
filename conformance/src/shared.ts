// Pieces several ORMs' scenarios share: the Chinook copy, the concurrency workload and its
// verdict, and the bad-input checks on the pool.

import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { findCorpora } from '@tandem/testkit';
import { createPool, type Pool } from '@tandem/pool';
import { describeError, type Typed } from './normalize.js';
import type { EngineName } from './scenarios.js';
import type { ScenarioContext } from './harness.js';

/** A writable temp copy of the Chinook sample database, or a visible skip when the corpora are absent. */
export function chinookCopy(ctx: ScenarioContext<unknown>): string {
  const corpora = findCorpora();
  const source = corpora && join(corpora, 'dbs', 'chinook.sqlite');
  if (!source || !existsSync(source)) ctx.skip('chinook.sqlite not found (set TANDEM_CORPORA or place the corpora at ../shared/corpora)');
  const target = join(ctx.dir, 'chinook.sqlite');
  copyFileSync(source, target);
  return target;
}

export const CONCURRENT_TRANSACTIONS = 50;

export interface ConcurrencyOutcome {
  final: number;
  committed: number;
  /** Distinct errors that reached the application, as "code: message". */
  errors: string[];
}

/**
 * Starts `count` interactive transactions at once, each reading the counter, yielding to the event
 * loop (so the others interleave) and writing it back plus one; then reads the counter.
 */
export async function concurrentIncrements(increment: () => Promise<void>, readFinal: () => Promise<number>, count = CONCURRENT_TRANSACTIONS): Promise<ConcurrencyOutcome> {
  const settled = await Promise.allSettled(Array.from({ length: count }, () => increment()));
  const errors = new Set<string>();
  for (const result of settled) {
    if (result.status === 'rejected') {
      const error = result.reason as { code?: unknown; cause?: { code?: unknown }; message?: string };
      errors.add(`${String(error.code ?? error.cause?.code ?? error.constructor?.name)}: ${String(error.message).split('\n')[0]}`);
    }
  }
  return { final: Number(await readFinal()), committed: settled.filter((r) => r.status === 'fulfilled').length, errors: [...errors] };
}

/** Tandem must commit every transaction with no lost update; SQLite's outcome is only reported. */
export function judgeConcurrency(engine: EngineName, outcome: ConcurrencyOutcome, count = CONCURRENT_TRANSACTIONS): ConcurrencyOutcome {
  if (engine === 'tandem' && (outcome.errors.length > 0 || outcome.final !== count || outcome.committed !== count)) {
    throw new Error(`expected ${count} committed increments and no errors, got ${JSON.stringify(outcome)}`);
  }
  return outcome;
}

/** A pause that lets other tasks run between a transaction's read and its write. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

const CLEAR_ERROR_MILLIS = 10_000;

/**
 * Runs a call that must fail: it must reject (not hang) within 10 s with an Error that has a
 * message. Returns the error's class and message (and SQLite code).
 */
export async function expectClearError(step: string, call: () => unknown): Promise<Typed> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), CLEAR_ERROR_MILLIS)));
  let outcome: 'hang' | { error: unknown } | { value: unknown };
  try {
    outcome = await Promise.race([Promise.resolve().then(call).then((value) => ({ value })), hang]);
  } catch (error) {
    outcome = { error };
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'hang') throw new Error(`${step}: no error after ${CLEAR_ERROR_MILLIS / 1000}s (hang)`);
  if ('value' in outcome) throw new Error(`${step}: expected an error, got ${JSON.stringify(describeError(outcome.value))}`);
  if (!(outcome.error instanceof Error) || !outcome.error.message) throw new Error(`${step}: unclear error ${String(outcome.error)}`);
  return { step, error: describeError(outcome.error) };
}

/** What the bad-input scenario needs from an ORM. */
export interface BadInputDriver<Db> {
  /** The ORM on a pool (Tandem only); absent when the adapter cannot take a pool. */
  onPool?(pool: Pool): Db;
  /** The ORM on a file, with a close that releases it. */
  onFile(path: string): Promise<{ db: Db; close(): Promise<void> }>;
  /** An interactive transaction whose callback gets the ORM's transaction handle. */
  transaction(db: Db, fn: () => void): Promise<unknown>;
  /** A small write in a transaction, resolving to the number of rows in counters afterwards. */
  writeInTransaction(db: Db): Promise<number>;
  /** true when a query after close reopens the database (Prisma's $disconnect), rather than failing. */
  reconnectsAfterClose?: boolean;
  /** A query outside a transaction. */
  query(db: Db): Promise<unknown>;
  /** Closes the ORM instance (its own pool, not a shared one). */
  destroy(db: Db): Promise<void>;
}

/**
 * The bad-input checks: each step's failure must be a clear error (no hang), and a transaction on
 * the same database must go through afterwards. Pool steps run on Tandem only.
 */
export async function badInput<Db>(ctx: ScenarioContext<Db>, driver: BadInputDriver<Db>): Promise<Typed[]> {
  const steps: Typed[] = [];
  const path = join(ctx.dir, 'bad-input.db');
  const { db, close } = await driver.onFile(path);
  try {
    await driver.writeInTransaction(db); // creates the counters table if the driver needs it
    steps.push(await expectClearError('throwing transaction callback', () => driver.transaction(db, () => {
      throw new Error('boom from the callback');
    })));
    steps.push({ step: 'next transaction', rows: await driver.writeInTransaction(db) });

    const closed = await driver.onFile(path);
    await driver.query(closed.db);
    await closed.close();
    if (driver.reconnectsAfterClose) {
      steps.push({ step: 'query after close reconnects', rows: (await driver.query(closed.db) as unknown[]).length });
      await closed.close();
    } else {
      steps.push(await expectClearError('query after close', () => driver.query(closed.db)));
    }

    const missing = await driver.onFile(join(ctx.dir, 'no-such-directory', 'x.db')).catch((error: unknown) => ({ error }));
    if ('error' in missing) {
      steps.push(await expectClearError('unopenable file', () => Promise.reject(missing.error)));
    } else {
      steps.push(await expectClearError('unopenable file', () => driver.query(missing.db)));
      await missing.close().catch(() => undefined);
    }
    steps.push({ step: 'next transaction', rows: await driver.writeInTransaction(db) });
  } finally {
    await close();
  }

  if (ctx.engine === 'tandem' && !driver.onPool) ctx.note('the adapter takes no shared pool: pool steps not run');
  if (ctx.engine === 'tandem' && driver.onPool) {
    const onPoolOf = driver.onPool.bind(driver);
    const closedPool = createPool(path, { max: 2 });
    await closedPool.close();
    steps.push(await expectClearError('closed pool', () => driver.query(onPoolOf(closedPool))));

    const pool = createPool(path, { max: 2 });
    try {
      const onPool = onPoolOf(pool);
      const connection = await pool.acquire();
      await connection.release();
      steps.push(await expectClearError('released connection reused', () => connection.prepare('SELECT 1').get()));
      steps.push(await expectClearError('throwing transaction callback on a shared pool', () => driver.transaction(onPool, () => {
        throw new Error('boom on the shared pool');
      })));
      steps.push({ step: 'next transaction on the shared pool', rows: await driver.writeInTransaction(onPool) });
      await driver.destroy(onPool);
      steps.push({ step: 'pool still usable after the ORM is destroyed', value: await pool.withConnection((c) => c.prepare('SELECT count(*) AS n FROM counters').pluck().get()) as number });
    } finally {
      await pool.close();
    }
  }
  return steps;
}

/**
 * Queries every ORM also sends to Chinook through its raw-SQL API: real data through correlated
 * subqueries, compound selects, CTEs, window functions, LIKE/GLOB, date functions and NULL ordering.
 */
export const CHINOOK_SQL: readonly string[] = [
  `SELECT c.CustomerId, c.LastName, (SELECT count(*) FROM Invoice i WHERE i.CustomerId = c.CustomerId) AS invoices,
     (SELECT max(Total) FROM Invoice i WHERE i.CustomerId = c.CustomerId) AS best
   FROM Customer c WHERE EXISTS (SELECT 1 FROM Invoice i WHERE i.CustomerId = c.CustomerId AND i.Total > 20) ORDER BY c.CustomerId`,
  `SELECT Name FROM Artist WHERE Name LIKE 'The %' UNION SELECT Name FROM Genre WHERE Name GLOB '*[Rr]ock*' EXCEPT SELECT 'The Police' ORDER BY 1 LIMIT 15`,
  `WITH monthly AS (SELECT strftime('%Y-%m', InvoiceDate) AS month, sum(Total) AS total FROM Invoice GROUP BY 1)
   SELECT month, round(total, 2) AS total, round(sum(total) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS rolling,
     rank() OVER (ORDER BY total DESC) AS rank FROM monthly ORDER BY month LIMIT 12`,
  `SELECT g.Name AS genre, count(*) AS tracks, round(avg(t.Milliseconds) / 1000.0, 3) AS avg_seconds,
     sum(CASE WHEN t.Composer IS NULL THEN 1 ELSE 0 END) AS no_composer, group_concat(DISTINCT m.Name) AS media
   FROM Track t JOIN Genre g ON g.GenreId = t.GenreId JOIN MediaType m ON m.MediaTypeId = t.MediaTypeId
   GROUP BY g.GenreId HAVING count(*) > 100 ORDER BY tracks DESC`,
  `SELECT e.EmployeeId, e.LastName, m.LastName AS manager, e.HireDate, date(e.BirthDate, '+65 years') AS retires,
     julianday(e.HireDate) - julianday(e.BirthDate) AS age_days FROM Employee e LEFT JOIN Employee m ON m.EmployeeId = e.ReportsTo ORDER BY e.EmployeeId`,
  `SELECT BillingState, count(*) AS n FROM Invoice GROUP BY BillingState ORDER BY BillingState NULLS LAST, n DESC LIMIT 8`,
  `SELECT t.TrackId, t.Name, il.UnitPrice * il.Quantity AS line FROM Track t JOIN InvoiceLine il ON il.TrackId = t.TrackId
   WHERE t.TrackId IN (SELECT TrackId FROM PlaylistTrack WHERE PlaylistId = 1) AND t.Name LIKE '%love%' ESCAPE '\\' ORDER BY line DESC, t.TrackId LIMIT 10`,
  `SELECT a.Title, count(DISTINCT pt.PlaylistId) AS playlists, min(t.Bytes) AS smallest, max(length(t.Name)) AS longest_name
   FROM Album a JOIN Track t ON t.AlbumId = a.AlbumId LEFT JOIN PlaylistTrack pt ON pt.TrackId = t.TrackId
   GROUP BY a.AlbumId ORDER BY playlists DESC, a.Title LIMIT 10`,
  `SELECT typeof(Total), Total, CAST(Total AS TEXT), Total * 100 % 7, printf('%.2f', Total) FROM Invoice WHERE InvoiceId IN (1, 2, 98, 412)`,
  `SELECT count(*), sum(Milliseconds), total(Bytes), avg(UnitPrice) FROM Track`,
];
