// Runs .sqltest files as Turso's runner does with the sqlite3 CLI backend: every test on a fresh
// database (per @database of its file), setups first, output compared with the `expect @cli`
// block when there is one, else the default block. Tests Turso marks `@skip-if sqlite`, tests for
// another backend, snapshots and matrix cases (Rust backend only) are skipped with their reason.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { DriverError, openSqlite, type DriverFactory, type SqlDriver } from '../driver.js';
import { compareOutput } from './compare.js';
import { defaultDatabase } from './default-db.js';
import { expandMacros, parseSqlTest, type DatabaseSpec, type SqlTestCase, type SqlTestFile } from './parse.js';
import { runShellInput, type ShellOutput, type ShellState } from './shell.js';

export type CaseOutcome = 'passed' | 'failed' | 'skipped';

export interface SqlTestCaseResult {
  id: string;
  outcome: CaseOutcome;
  /** Why it failed or was skipped. */
  reason?: string;
  /** True when the result was checked against better-sqlite3 instead of the stored expectation. */
  differential?: boolean;
}

export interface SqlTestFileResult {
  file: string;
  results: SqlTestCaseResult[];
  parseError?: string;
  milliseconds: number;
}

export interface SqlTestOptions {
  /** Opens the engine under test. */
  open: DriverFactory;
  /** Opens the oracle for differential cases (default: better-sqlite3). */
  oracle?: DriverFactory;
  /** The folder test ids are relative to, and fixture paths (`database/x.db`) resolve against. */
  root: string;
  /** Scratch folder for temp databases and the default-database stand-ins (default: a new temp dir). */
  workDir?: string;
  /**
   * Honour `@cross-check-integrity`: run those tests on a database file instead of ':memory:' and,
   * after the engine closed it, require better-sqlite3's PRAGMA integrity_check to say "ok".
   * Off by default (a file database can print differently, e.g. PRAGMA journal_mode).
   */
  crossCheckIntegrity?: boolean;
  /** Test ids not to run at all (id -> reason), e.g. tests that hang the engine under test. */
  skip?: ReadonlyMap<string, string>;
}

/** Capabilities of the sqlite3 CLI backend (Turso's `@requires`). */
const CAPABILITIES = new Set(['trigger', 'strict']);
/** Tables of the `:default:` databases; tests that use them run differentially. */
const DEFAULT_TABLES = /\b(users|products)\b/i;

export class SqlTestRunner {
  private readonly workDir: string;
  private readonly ownsWorkDir: boolean;
  private counter = 0;

  constructor(private readonly options: SqlTestOptions) {
    this.ownsWorkDir = !options.workDir;
    this.workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'tandem-sqltest-'));
    mkdirSync(this.workDir, { recursive: true });
  }

  /** Removes the scratch folder when the runner created it. */
  dispose(): void {
    if (this.ownsWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  runFile(file: string): SqlTestFileResult {
    const started = performance.now();
    const name = relative(resolve(this.options.root, 'sqlite-sqltests'), file).split('\\').join('/');
    let parsed: SqlTestFile;
    try {
      parsed = parseSqlTest(readFileSync(file, 'utf8'));
    } catch (error) {
      return { file: name, results: [], parseError: (error as Error).message, milliseconds: performance.now() - started };
    }
    const results: SqlTestCaseResult[] = [];
    for (const spec of parsed.databases) {
      const suffix = parsed.databases.length > 1 ? `[${describeDatabase(spec)}]` : '';
      for (const testCase of parsed.cases) {
        const id = `${name}:${testCase.name}${suffix}`;
        results.push(this.runCase(id, parsed, spec, testCase));
      }
    }
    return { file: name, results, milliseconds: performance.now() - started };
  }

  private runCase(id: string, file: SqlTestFile, spec: DatabaseSpec, testCase: SqlTestCase): SqlTestCaseResult {
    const skip = skipReason(file, testCase) ?? (this.options.skip?.has(id) ? `skip list: ${this.options.skip.get(id)}` : null);
    if (skip) return { id, outcome: 'skipped', reason: skip };
    const expectation = testCase.overrides.get('cli') ?? testCase.expect!;
    let sql: string;
    let setups: string[];
    try {
      sql = expandMacros(testCase.sql);
      setups = testCase.setups.map((setup) => {
        const text = file.setups.get(setup);
        if (text === undefined) throw new Error(`setup '${setup}' not found`);
        return expandMacros(text);
      });
    } catch (error) {
      return { id, outcome: 'failed', reason: (error as Error).message };
    }
    if (spec.kind === 'path' && !existsSync(resolve(this.options.root, spec.path))) {
      return { id, outcome: 'skipped', reason: `fixture ${spec.path} is not in the corpus` };
    }
    const differential = spec.kind === 'default' && DEFAULT_TABLES.test([sql, ...setups].join('\n'));
    const checkIntegrity = testCase.crossCheckIntegrity && this.options.crossCheckIntegrity === true && !(spec.kind === 'path' && spec.readonly);
    const output = this.execute(this.options.open, spec, setups, sql, checkIntegrity);
    if (!differential) {
      const reason = typeof output === 'string' ? output : compareOutput(output, expectation);
      return reason ? { id, outcome: 'failed', reason } : { id, outcome: 'passed' };
    }
    const reference = this.execute(this.options.oracle ?? openSqlite, spec, setups, sql, false);
    const reason = compareWithOracle(output, reference);
    return reason ? { id, outcome: 'failed', reason, differential } : { id, outcome: 'passed', differential };
  }

  /** Runs setups then the test on a fresh database; a string is a setup failure or an engine crash. */
  private execute(open: DriverFactory, spec: DatabaseSpec, setups: string[], sql: string, checkIntegrity: boolean): ShellOutput | string {
    const { path, readonly } = this.prepareDatabase(checkIntegrity && spec.kind === 'memory' ? { kind: 'temp' } : spec);
    let result: ShellOutput | string;
    try {
      result = runOnDriver(open, path, readonly, setups, sql);
      if (checkIntegrity && typeof result !== 'string') result = integrityProblem(path) ?? result;
    } finally {
      if (path !== ':memory:') for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    }
    return result;
  }

  private prepareDatabase(spec: DatabaseSpec): { path: string; readonly: boolean } {
    if (spec.kind === 'memory') return { path: ':memory:', readonly: false };
    const path = join(this.workDir, `case-${++this.counter}.db`);
    if (spec.kind === 'temp') return { path, readonly: false };
    const source = spec.kind === 'default' ? defaultDatabase(this.workDir, spec.rowidAlias) : resolve(this.options.root, spec.path);
    copyFileSync(source, path);
    return { path, readonly: spec.kind === 'path' && spec.readonly };
  }
}

/** Opens the database, runs setups and the test as the shell would, and closes it again. */
function runOnDriver(open: DriverFactory, path: string, readonly: boolean, setups: string[], sql: string): ShellOutput | string {
  let driver: SqlDriver;
  try {
    driver = open({ path, readonly });
  } catch (error) {
    return `cannot open database: ${(error as Error).message}`;
  }
  try {
    try {
      // The sqlite3 shell leaves foreign keys off; better-sqlite3 (and Tandem, copying it) turn them on.
      driver.exec('PRAGMA foreign_keys = OFF');
    } catch (error) {
      if (!(error instanceof DriverError) || error.isCrash) throw error;
    }
    const state: ShellState = { headers: false };
    for (const [i, setup] of setups.entries()) {
      const out = runShellInput(driver, setup, state);
      if (out.error) return `setup #${i + 1} failed: ${out.error.code}: ${out.error.message}`;
    }
    const output = runShellInput(driver, sql, state);
    if (output.error && output.error.code.startsWith('JS_')) return `engine crashed: ${output.error.code}: ${output.error.message}`;
    return output;
  } catch (error) {
    return `engine crashed: ${error instanceof DriverError ? `${error.code}: ${error.message}` : ((error as Error).stack ?? String(error))}`;
  } finally {
    try {
      driver.close();
    } catch {
      // A failing close() must not hide the test's own result.
    }
  }
}

/** better-sqlite3's verdict on a database file an engine wrote, or null when it is "ok". */
function integrityProblem(path: string): string | null {
  if (!existsSync(path)) return null;
  let checker: SqlDriver | null = null;
  try {
    checker = openSqlite({ path, readonly: true });
    const rows = checker.query('PRAGMA integrity_check').rows.map((r) => String(r[0]));
    return rows.length === 1 && rows[0] === 'ok' ? null : `integrity_check (better-sqlite3) failed: ${rows.slice(0, 5).join('; ')}`;
  } catch (error) {
    return `integrity_check (better-sqlite3) could not run: ${(error as Error).message}`;
  } finally {
    checker?.close();
  }
}

function describeDatabase(spec: DatabaseSpec): string {
  switch (spec.kind) {
    case 'memory':
      return ':memory:';
    case 'temp':
      return ':temp:';
    case 'default':
      return spec.rowidAlias ? ':default:' : ':default-no-rowidalias:';
    default:
      return basename(spec.path);
  }
}

function skipReason(file: SqlTestFile, testCase: SqlTestCase): string | null {
  for (const skip of [...testCase.skips, ...file.fileSkips]) {
    // We run as the sqlite CLI backend: `@skip-if sqlite` applies, `@skip-if mvcc` does not.
    if (skip.condition === null || skip.condition === 'sqlite') return `skip: ${skip.reason}`;
  }
  if (testCase.kind !== 'test') return `${testCase.kind} cases run only on Turso's Rust backend`;
  if (testCase.backend && testCase.backend !== 'cli') return `only for the ${testCase.backend} backend`;
  for (const capability of [...file.fileRequires, ...testCase.requires]) {
    if (!CAPABILITIES.has(capability)) return `requires ${capability}`;
  }
  return null;
}

function compareWithOracle(output: ShellOutput | string, reference: ShellOutput | string): string | null {
  if (typeof reference === 'string') return `oracle failed: ${reference}`;
  if (typeof output === 'string') return output;
  if (output.error || reference.error) {
    if (!output.error) return `oracle failed with ${reference.error!.message}, engine did not`;
    if (!reference.error) return `unexpected error: ${output.error.code}: ${output.error.message}`;
    if (output.error.message !== reference.error.message) return `error ${JSON.stringify(output.error.message)}, oracle ${JSON.stringify(reference.error.message)}`;
  }
  const a = output.lines.join('\n');
  const b = reference.lines.join('\n');
  return a === b ? null : `output differs from better-sqlite3:\n  oracle:\n    ${reference.lines.slice(0, 12).join('\n    ')}\n  engine:\n    ${output.lines.slice(0, 12).join('\n    ')}`;
}
