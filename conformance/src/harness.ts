// The runner: defineConformance(harness) declares one vitest test per scenario for an ORM, runs the
// ORM's implementation on Tandem and on SQLite, each on a fresh copy of the conformance schema,
// compares (kind 'compare') and records each engine's cell for the results table.

import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError, normalize, type Typed } from './normalize.js';
import { record, RESULTS_DIR } from './records.js';
import { ENGINES, SCENARIOS, type EngineName, type OrmName, type ScenarioName } from './scenarios.js';

export interface OpenOptions {
  /** Return INTEGER values as bigint (each ORM's bigint mode on the driver). */
  safeIntegers?: boolean;
}

/** An ORM instance on one database file. */
export interface Session<Db> {
  db: Db;
  close(): Promise<void>;
}

export interface ScenarioContext<Db> {
  engine: EngineName;
  /** A fresh temporary directory, removed afterwards. */
  dir: string;
  /** The ORM on a fresh copy of the conformance schema… */
  db: Db;
  /** …in this file. */
  path: string;
  /** Opens the ORM on another file (closed after the scenario). */
  open(path: string, options?: OpenOptions): Promise<Db>;
  /** A line for this engine's cell in the results table. */
  note(text: string): void;
  /** Skips the scenario visibly (e.g. a corpus file is absent). */
  skip(reason: string): never;
}

/** Thrown by ctx.skip(). */
export class ScenarioSkipped extends Error {}

export type ScenarioFn<Db> = (ctx: ScenarioContext<Db>) => Promise<unknown>;
/** A scenario the ORM does not implement, and why (shown in the table). */
export interface Skip {
  skip: string;
}

export interface OrmHarness<Db> {
  orm: OrmName;
  /** null when the ORM's adapter can run; otherwise why every scenario is skipped. */
  unavailable(): Promise<string | null>;
  /** Creates the conformance schema in an empty database file with the ORM's own tooling. */
  createSchema(engine: EngineName, path: string, dir: string): Promise<void>;
  open(engine: EngineName, path: string, options?: OpenOptions): Promise<Session<Db>>;
  scenarios: Record<ScenarioName, ScenarioFn<Db> | Skip>;
}

/** How long one engine's run of one scenario may take before it counts as hung. */
const HANG_MILLIS = 90_000;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tandem-conformance-${prefix}-`));
}

/** Copies a closed database file and its WAL, if any, to `target`. */
export function copyDatabase(source: string, target: string): void {
  for (const name of readdirSync(dirname(source))) {
    if (name === basename(source) || name === `${basename(source)}-wal`) {
      copyFileSync(join(dirname(source), name), target + name.slice(basename(source).length));
    }
  }
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${HANG_MILLIS / 1000}s (hang)`)), HANG_MILLIS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function brief(value: Typed | unknown, limit = 400): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

type Run = { ok: true; value: Typed; notes: string[] } | { ok: false; error: Typed; notes: string[]; skipped?: string };

export function defineConformance<Db>(harness: OrmHarness<Db>): void {
  describe(harness.orm, () => {
    let unavailable: string | null = null;
    const templates = new Map<EngineName, { dir: string; path: string }>();

    beforeAll(async () => {
      unavailable = await harness.unavailable();
      if (unavailable) return;
      for (const engine of ENGINES) {
        const dir = tempDir(`${harness.orm}-${engine}-template`);
        const path = join(dir, 'template.db');
        await harness.createSchema(engine, path, dir);
        templates.set(engine, { dir, path });
      }
    });

    afterAll(() => {
      for (const { dir } of templates.values()) rmSync(dir, { recursive: true, force: true });
    });

    async function runOn(engine: EngineName, fn: ScenarioFn<Db>): Promise<Run> {
      const dir = tempDir(`${harness.orm}-${engine}`);
      const notes: string[] = [];
      const sessions: Session<Db>[] = [];
      const open = async (path: string, options?: OpenOptions) => {
        const session = await harness.open(engine, path, options);
        sessions.push(session);
        return session.db;
      };
      let run: Run;
      try {
        const path = join(dir, 'conformance.db');
        copyDatabase(templates.get(engine)!.path, path);
        const db = await open(path);
        const skip = (reason: string): never => {
          throw new ScenarioSkipped(reason);
        };
        const value = await withDeadline(Promise.resolve(fn({ engine, dir, db, path, open, note: (text) => notes.push(text), skip })), `${harness.orm} on ${engine}`);
        run = { ok: true, value: normalize(value), notes };
      } catch (error) {
        run = { ok: false, error: describeError(error), notes, ...(error instanceof ScenarioSkipped ? { skipped: error.message } : {}) };
      }
      for (const session of sessions.reverse()) {
        try {
          await session.close();
        } catch (error) {
          if (run.ok) run = { ok: false, error: { closing: describeError(error) }, notes };
        }
      }
      rmSync(dir, { recursive: true, force: true });
      return run;
    }

    for (const scenario of SCENARIOS) {
      const impl = harness.scenarios[scenario.name];
      const cell = (engine: EngineName, status: 'pass' | 'fail' | 'skip', note?: string) =>
        record({ orm: harness.orm, scenario: scenario.name, engine, status, ...(note ? { note } : {}) });

      if ('skip' in impl) {
        it.skip(`${scenario.name} (${impl.skip})`, () => undefined);
        for (const engine of ENGINES) cell(engine, 'skip', `${harness.orm}: ${impl.skip}`);
        continue;
      }

      it(scenario.name, async (context) => {
        if (unavailable) {
          for (const engine of ENGINES) cell(engine, 'skip', `${harness.orm}: ${unavailable}`);
          context.skip();
        }
        const sqlite = await runOn('sqlite', impl);
        const tandem = await runOn('tandem', impl);
        if (process.env.CONFORMANCE_DUMP) dumpRuns(harness.orm, scenario.name, { sqlite, tandem });
        if (!sqlite.ok && sqlite.skipped) {
          for (const engine of ENGINES) cell(engine, 'skip', `${harness.orm} ${scenario.name}: ${sqlite.skipped}`);
          context.skip();
        }
        const label = (engine: EngineName, run: Run, extra?: string) =>
          [extra, ...run.notes.map((n) => `${harness.orm} on ${engine}: ${n}`)].filter(Boolean).join('; ') || undefined;

        if (scenario.kind === 'tandem') {
          // SQLite's behaviour is reported, not judged; Tandem must meet the scenario's assertions.
          cell('sqlite', 'pass', label('sqlite', sqlite, `${harness.orm} ${scenario.name} on sqlite: ${brief(sqlite.ok ? sqlite.value : sqlite.error)}`));
          cell('tandem', tandem.ok ? 'pass' : 'fail', label('tandem', tandem, tandem.ok ? undefined : `${harness.orm} ${scenario.name} on tandem: ${brief(tandem.error)}`));
          expect(tandem.ok ? null : tandem.error).toBeNull();
          return;
        }

        cell('sqlite', sqlite.ok ? 'pass' : 'fail', label('sqlite', sqlite, sqlite.ok ? undefined : `${harness.orm} ${scenario.name} on sqlite (scenario error): ${brief(sqlite.error)}`));
        const same = sqlite.ok && tandem.ok && isDeepStrictEqual(tandem.value, sqlite.value);
        const why = !tandem.ok
          ? `${harness.orm} ${scenario.name} on tandem threw: ${brief(tandem.error)}`
          : !same && sqlite.ok
            ? `${harness.orm} ${scenario.name} on tandem differs from sqlite: ${firstDifference(tandem.value, sqlite.value)}`
            : undefined;
        cell('tandem', sqlite.ok && same ? 'pass' : sqlite.ok ? 'fail' : 'skip', label('tandem', tandem, sqlite.ok ? why : 'not compared: the scenario failed on sqlite'));
        expect(sqlite.ok ? null : sqlite.error).toBeNull();
        expect(tandem.ok ? tandem.value : tandem.error).toEqual(sqlite.ok ? sqlite.value : null);
      });
    }
  });
}

/** CONFORMANCE_DUMP=1: both engines' normalized results, for reading what a scenario compares. */
function dumpRuns(orm: string, scenario: string, runs: Record<EngineName, Run>): void {
  const dir = join(RESULTS_DIR, '.records', 'dump');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${orm}-${scenario}.json`), JSON.stringify(runs, null, 1));
}

/** The path and both values of the first place two results differ. */
export function firstDifference(actual: Typed, expected: Typed, path = '$'): string {
  if (isDeepStrictEqual(actual, expected)) return '';
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && Array.isArray(actual) === Array.isArray(expected)) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const key of keys) {
      const a = (actual as Record<string, Typed>)[key];
      const e = (expected as Record<string, Typed>)[key];
      if (!isDeepStrictEqual(a, e)) {
        if (a === undefined || e === undefined) return `${path}: tandem ${brief(actual, 200)}, sqlite ${brief(expected, 200)}`;
        return firstDifference(a, e, `${path}.${key}`);
      }
    }
  }
  return `${path}: tandem ${brief(actual, 200)}, sqlite ${brief(expected, 200)}`;
}


/**
 * The ORM's harness, or — when its module (and so its adapter package) cannot be loaded — one that
 * skips every scenario with the reason, so the rest of the suite still runs and the table says why.
 */
export async function loadHarness<Db>(orm: OrmName, load: () => Promise<{ default: OrmHarness<Db> }>): Promise<OrmHarness<Db>> {
  try {
    return (await load()).default;
  } catch (error) {
    const reason = `adapter not loadable: ${String((error as Error).message).split('\n')[0]}`;
    const scenarios = Object.fromEntries(SCENARIOS.map((s) => [s.name, { skip: reason }])) as Record<ScenarioName, Skip>;
    return { orm, unavailable: async () => reason, createSchema: async () => undefined, open: async () => ({ db: undefined as Db, close: async () => undefined }), scenarios };
  }
}
