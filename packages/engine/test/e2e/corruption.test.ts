// Damaged database files (truncated, garbage headers, out-of-range and cyclic page pointers, seeded byte
// flips) opened and read through the public API: every failure must be a SqliteError with code
// SQLITE_CORRUPT* or SQLITE_NOTADB (or the very code SQLite itself reports for that file), nothing may
// hang (each batch runs in a child process under a time limit), and whenever both Tandem and
// better-sqlite3 read a table, they must return the same rows.

import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tandemEngineAvailable } from '../api/support/differential.js';
import { corpusDatabases } from './support/corpora.js';
import { badPagePointers, byteFlips, headerGarbage, truncations, type DamageCase } from './support/damage.js';
import { readEverything, type Failure, type ReadOutcome } from './support/read-all.js';

const here = dirname(fileURLToPath(import.meta.url));
const viteNode = resolve(here, '..', '..', '..', '..', 'node_modules', 'vite-node', 'vite-node.mjs');
const worker = join(here, 'support', 'corruption-worker.ts');
const BATCH_SIZE = 200;
const STARTUP_LIMIT_MS = 60_000;
const CASE_TIME_LIMIT_MS = 20_000;
const FLIP_SEEDS = 24;

const workDir = mkdtempSync(join(tmpdir(), 'tandem-corrupt-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A small database with every structure worth damaging: 1024-byte pages, indexes, overflow, WITHOUT ROWID. */
function syntheticImage(): Uint8Array {
  const path = join(workDir, 'synthetic.db');
  const db = new BetterSqlite3(path);
  db.exec(`PRAGMA page_size = 1024;
    CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, price REAL, data BLOB);
    CREATE INDEX items_name ON items(name);
    CREATE TABLE kv(k TEXT PRIMARY KEY, v) WITHOUT ROWID;`);
  const insertItem = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?)');
  const insertKv = db.prepare('INSERT INTO kv VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 300; i++) {
      insertItem.run(i, `item-${i}`, BigInt(i * 7), i / 4, Buffer.alloc((i * 37) % 2500, i % 251));
      if (i <= 150) insertKv.run(`key-${i}`, i % 3 === 0 ? `value-${'x'.repeat(i * 3)}` : i);
    }
  })();
  db.close();
  return new Uint8Array(readFileSync(path));
}

/** sqlite_schema rows whose rootpage points outside the file or at page 0. */
function badRootPages(name: string, image: Uint8Array): DamageCase[] {
  const cases: DamageCase[] = [];
  for (const root of [99999, 0]) {
    const path = join(workDir, `${name}-root-${root}.db`);
    writeFileSync(path, image);
    const db = new BetterSqlite3(path);
    db.unsafeMode(true);
    const first = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid LIMIT 1").pluck().get() as string | undefined;
    if (first !== undefined) {
      db.pragma('writable_schema = ON');
      db.prepare('UPDATE sqlite_schema SET rootpage = ? WHERE name = ?').run(root, first);
    }
    db.close();
    cases.push({ id: `${name}/rootpage-${root}`, bytes: new Uint8Array(readFileSync(path)) });
  }
  return cases;
}

function allCases(): DamageCase[] {
  const samples: { name: string; image: Uint8Array }[] = [{ name: 'synthetic', image: syntheticImage() }];
  const corpus = corpusDatabases('corruption tests on corpus files');
  const small = corpus.find((p) => p.endsWith('northwind_small.sqlite'));
  if (small) samples.push({ name: 'northwind_small', image: new Uint8Array(readFileSync(small)) });
  // A WAL-mode file (header versions 2/2), damaged in its header and structure only (it is larger).
  const wal = corpus.find((p) => p.endsWith('turso_testing.db'));
  const walCases = wal ? walFileCases('turso_testing', new Uint8Array(readFileSync(wal))) : [];
  return walCases.concat(...samples.map(({ name, image }) => [
    // The undamaged sample: Tandem must read it exactly, and it shows which tables Tandem cannot read at all.
    { id: `${name}/pristine`, bytes: image },
    ...truncations(name, image),
    ...headerGarbage(name, image),
    ...badPagePointers(name, image),
    ...badRootPages(name, image),
    ...byteFlips(name, image, FLIP_SEEDS),
  ]));
}

function walFileCases(name: string, image: Uint8Array): DamageCase[] {
  return [{ id: `${name}/pristine`, bytes: image }, ...truncations(name, image), ...headerGarbage(name, image), ...badPagePointers(name, image), ...byteFlips(name, image, 8)];
}

interface PreparedCase {
  id: string;
  oraclePath: string;
  tandemPath: string;
}

function materialize(cases: DamageCase[]): PreparedCase[] {
  return cases.map(({ id, bytes }, i) => {
    const base = join(workDir, `case-${i}`);
    writeFileSync(`${base}-oracle.db`, bytes);
    copyFileSync(`${base}-oracle.db`, `${base}-tandem.db`);
    return { id, oraclePath: `${base}-oracle.db`, tandemPath: `${base}-tandem.db` };
  });
}

type ChildResult = { outcome: ReadOutcome } | { hung: true } | { crashed: string };

interface GuardOptions {
  /** Longest time one case may take (from its "start" line) before the child is killed. */
  caseLimitMs?: number;
  simulateHangOn?: string;
}

/** Runs one batch in a child process; a case without result within caseLimitMs is recorded as hung. */
function runBatch(batch: PreparedCase[], listFile: string, overOracleConnection: boolean, options: GuardOptions): Promise<Map<string, ChildResult>> {
  const { caseLimitMs = CASE_TIME_LIMIT_MS, simulateHangOn = '' } = options;
  writeFileSync(listFile, JSON.stringify(batch.map((c) => ({ id: c.id, path: c.tandemPath }))));
  return new Promise((resolvePromise, reject) => {
    const results = new Map<string, ChildResult>();
    const child = spawn(process.execPath, [viteNode, worker], {
      env: {
        ...process.env,
        TANDEM_CORRUPTION_CASES: listFile,
        TANDEM_CORRUPTION_ORACLE: overOracleConnection ? '1' : '0',
        TANDEM_CORRUPTION_SIMULATE_HANG: simulateHangOn,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let running: string | null = null;
    let killedForHang = false;
    let buffered = '';
    let stderr = '';
    // SIGKILL: a process spinning in synchronous code never runs a SIGTERM handler (vite-node installs one).
    const hang = () => {
      killedForHang = true;
      child.kill('SIGKILL');
    };
    // Startup (vite-node transforming the engine) gets a generous allowance; each case then gets caseLimitMs.
    let watchdog = setTimeout(hang, STARTUP_LIMIT_MS);
    // Decode as streams: a UTF-8 character may be split across chunks.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!line.startsWith('{')) continue;
        const message = JSON.parse(line) as { start?: string; done?: string; outcome?: ReadOutcome };
        if (message.start !== undefined) {
          running = message.start;
          clearTimeout(watchdog);
          watchdog = setTimeout(hang, caseLimitMs);
        }
        if (message.done !== undefined) {
          results.set(message.done, { outcome: message.outcome! });
          running = null;
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(watchdog);
      if (running !== null) results.set(running, killedForHang ? { hung: true } : { crashed: stderr });
      else if (code !== 0) return reject(new Error(`corruption worker failed (exit ${code}, killed: ${killedForHang}):\n${stderr}`));
      resolvePromise(results);
    });
  });
}

/** Runs the cases in child processes, batch by batch. */
async function runInChildren(cases: PreparedCase[], overOracleConnection: boolean, options: GuardOptions = {}): Promise<Map<string, ChildResult>> {
  const results = new Map<string, ChildResult>();
  for (let start = 0; start < cases.length; start += BATCH_SIZE) {
    const batch = cases.slice(start, start + BATCH_SIZE);
    const listFile = join(workDir, `batch-${start}-${overOracleConnection ? 'o' : 't'}-${options.simulateHangOn ? 'h' : 'n'}.json`);
    for (const [id, result] of await runBatch(batch, listFile, overOracleConnection, options)) results.set(id, result);
  }
  return results;
}

const ACCEPTED_CODE = /^SQLITE_(CORRUPT|NOTADB)/;
const UNSUPPORTED = /^not supported by Tandem yet: /;

/**
 * Documented exceptions: damage Tandem does not yet report as SQLITE_CORRUPT, each reported to the
 * engine's owners. A listed case passes only while its violation text still matches.
 */
const KNOWN_ENGINE_ISSUES: Record<string, RegExp> = {
  // A flipped byte in a table name: SQLite rejects the schema ("malformed database schema"); Tandem
  // loads it and then cannot find the table ("no such table"). Schema loading should cross-check.
  'northwind_small/flip-seed-23': /no such table/,
};

function judgeFailure(where: string, failure: Failure, oracleFailure: Failure | undefined, pristineFailure?: Failure): string | null {
  if (!failure.sqliteError) return `${where}: threw ${failure.name} (not SqliteError): ${failure.message}`;
  if (ACCEPTED_CODE.test(failure.code ?? '')) return null;
  // A feature Tandem lacks fails the same way on the undamaged file: a clean error, not a wrong result.
  if (UNSUPPORTED.test(failure.message) && pristineFailure?.message === failure.message) return null;
  // SQLite itself reports some damage with other codes (e.g. a read version it does not know).
  if (oracleFailure && oracleFailure.code === failure.code) return null;
  return `${where}: SqliteError ${failure.code}: ${failure.message}`;
}

/** The rule violations of one case (empty when Tandem behaved). */
function judge(id: string, oracle: ReadOutcome, result: ChildResult | undefined, pristine?: ReadOutcome): string[] {
  if (result === undefined) return [`${id}: no result (child stopped before this case)`];
  if ('hung' in result) return [`${id}: hung (no result within the time limit)`];
  if ('crashed' in result) return [`${id}: the child process died: ${result.crashed}`];
  const tandem = result.outcome;
  const violations: string[] = [];
  if (tandem.failure) {
    const verdict = judgeFailure(`${id} (open/schema)`, tandem.failure, oracle.failure);
    if (verdict) violations.push(verdict);
    return violations;
  }
  for (const [table, rows] of Object.entries(tandem.tables)) {
    const expected = oracle.tables[table];
    if (!Array.isArray(rows)) {
      const oracleFailure = expected && !Array.isArray(expected) ? expected.failure : oracle.failure;
      const pristineRows = pristine?.tables[table];
      const pristineFailure = pristineRows && !Array.isArray(pristineRows) ? pristineRows.failure : undefined;
      const verdict = judgeFailure(`${id} table ${table}`, rows.failure, oracleFailure, pristineFailure);
      if (verdict) violations.push(verdict);
    } else if (Array.isArray(expected)) {
      // Both read the table: the rows must agree.
      if (JSON.stringify(rows) !== JSON.stringify(expected)) {
        const at = rows.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(expected[i]));
        violations.push(
          `${id} table ${table}: rows differ from better-sqlite3 (${rows.length} vs ${expected.length} rows; ` +
            `first at ${at}: ${JSON.stringify(rows[at])} vs ${JSON.stringify(expected[at])})`,
        );
      }
    }
    // Otherwise SQLite refused to read what Tandem read: nothing to compare against.
  }
  return violations;
}

const engine = tandemEngineAvailable();
if (!engine) console.warn('[tandem] engine/connection.ts not available yet: corruption tests run the harness over SQLite only');

const targets = [
  // Proves the harness (case generation, child time guard, judging) with SQLite under the API layer.
  { name: 'API layer over SQLite (harness check)', enabled: true, overOracleConnection: true, stride: 4 },
  { name: 'Tandem engine', enabled: engine, overOracleConnection: false, stride: 1 },
];

describe('damaged database files fail cleanly through the public API', () => {
  const cases = materialize(allCases());
  const oracle = new Map(cases.map((c) => [c.id, readEverything(BetterSqlite3, c.oraclePath)]));

  it('the damage is real: SQLite rejects some cases and reads others', () => {
    const rejected = [...oracle.values()].filter((o) => o.failure || Object.values(o.tables).some((t) => !Array.isArray(t))).length;
    expect(cases.length).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(5);
    expect(rejected).toBeLessThan(cases.length);
  });

  // The child-process tests run concurrently: each spends most of its time waiting on its children.
  it.concurrent('the time guard catches a hanging case and names it', async () => {
    // Two tiny cases (empty and 1-byte files), so the first finishes well within the limit.
    const two = cases.filter((c) => /^synthetic\/truncate-[01]$/.test(c.id));
    const results = await runInChildren(two, true, { caseLimitMs: 3000, simulateHangOn: two[1]!.id });
    expect(results.get(two[0]!.id)).toHaveProperty('outcome');
    expect(results.get(two[1]!.id)).toEqual({ hung: true });
    expect(judge(two[1]!.id, oracle.get(two[1]!.id)!, results.get(two[1]!.id))).toEqual([expect.stringContaining('hung')]);
  }, 60_000);

  for (const target of targets) {
    (target.enabled ? it.concurrent : it.skip)(`${target.name}: SqliteError CORRUPT/NOTADB or the right rows, never a hang`, async () => {
      const chosen = cases.filter((_, i) => i % target.stride === 0);
      const results = await runInChildren(chosen, target.overOracleConnection);
      const pristineOf = (id: string) => {
        const result = results.get(`${id.split('/')[0]}/pristine`);
        return result && 'outcome' in result ? result.outcome : undefined;
      };
      const violations = chosen.flatMap((c) => {
        const found = judge(c.id, oracle.get(c.id)!, results.get(c.id), pristineOf(c.id));
        const known = KNOWN_ENGINE_ISSUES[c.id];
        if (known && found.length > 0 && found.every((v) => known.test(v))) {
          console.warn(`[tandem] known engine issue, not failing: ${found.join('; ')}`);
          return [];
        }
        return found;
      });
      expect(violations).toEqual([]);
    }, 600_000);
  }
});
