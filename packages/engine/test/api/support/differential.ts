// Differential harness for the public API: the same scenario (plain JS written against better-sqlite3's
// API) runs on better-sqlite3 and on Tandem's Database; every probe's outcome (value, or thrown error
// class/message/code) must match. Tandem runs twice: over an oracle-backed connection (proves the API
// layer alone) and over the real engine (once engine/connection.ts exists).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useConnectionFactory } from '../../../src/api/connection-factory.js';
import TandemDatabase from '../../../src/index.js';
import { openOracleConnection } from './oracle-connection.js';

export type DatabaseConstructor = typeof BetterSqlite3;
export type Probe = (label: string, body: () => unknown) => void;
/** A scenario: drives `Database` (either implementation) and records outcomes through `probe`. */
export type Scenario = (Database: DatabaseConstructor, probe: Probe, dir: string) => void;

export interface Entry {
  label: string;
  outcome: unknown;
}

/** Values in a comparable shape: Buffers as hex, errors as class name + message + code. */
export function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return { blob: Buffer.from(value).toString('hex'), isBuffer: Buffer.isBuffer(value) };
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== null && proto !== Object.prototype) return { instance: (value as object).constructor.name };
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = normalize((value as Record<string, unknown>)[key]);
    return out;
  }
  if (typeof value === 'function') return { function: true };
  return value;
}

function describeError(error: unknown): unknown {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.name, message: error.message, ...(code !== undefined ? { code } : {}) };
  }
  return { thrown: normalize(error) };
}

export function record(Database: DatabaseConstructor, scenario: Scenario): Entry[] {
  const entries: Entry[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tandem-api-'));
  const probe: Probe = (label, body) => {
    try {
      entries.push({ label, outcome: normalize(body()) });
    } catch (error) {
      entries.push({ label, outcome: describeError(error) });
    }
  };
  try {
    probe('<scenario>', () => scenario(Database, probe, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return entries;
}

const Tandem = TandemDatabase as unknown as DatabaseConstructor;

/** true once the real engine can open a database. */
export function tandemEngineAvailable(): boolean {
  try {
    new TandemDatabase(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

export function recordOnOracleConnection(scenario: Scenario): Entry[] {
  const restore = useConnectionFactory(openOracleConnection);
  try {
    return record(Tandem, scenario);
  } finally {
    restore();
  }
}

const UNSUPPORTED = /^not supported by Tandem yet: /;

function key(entry: Entry | undefined): string {
  return JSON.stringify(entry, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/**
 * The engine's policy for features it lacks is a clear SqliteError, never a wrong result. So a
 * scenario passes when every probe matches better-sqlite3, or when all probes match up to one that
 * failed with "not supported by Tandem yet: ..." (later probes depend on it and are not compared;
 * the gap is reported as a warning).
 */
export function expectSameOrCleanlyUnsupported(actual: Entry[], expected: Entry[], where: string): void {
  const firstDifference = actual.findIndex((entry, i) => key(entry) !== key(expected[i]));
  const divergent = actual[firstDifference]?.outcome as { error?: string; message?: string } | undefined;
  if (firstDifference >= 0 && divergent?.error === 'SqliteError' && UNSUPPORTED.test(divergent.message ?? '')) {
    console.warn(`[tandem] ${where}: stopped at probe "${actual[firstDifference]!.label}": ${divergent.message}`);
    expect(actual.slice(0, firstDifference)).toEqual(expected.slice(0, firstDifference));
    return;
  }
  expect(actual).toEqual(expected);
}

let warned = false;

/** One vitest case per scenario and target: API over SQLite, and API over the Tandem engine. */
export function describeDifferential(title: string, scenarios: Record<string, Scenario>): void {
  const engine = tandemEngineAvailable();
  if (!engine && !warned) {
    warned = true;
    console.warn('[tandem] engine/connection.ts not available yet: API differential tests run over the oracle-backed connection only');
  }
  describe(title, () => {
    for (const [name, scenario] of Object.entries(scenarios)) {
      it(`${name} (API layer over SQLite)`, () => {
        expect(recordOnOracleConnection(scenario)).toEqual(record(BetterSqlite3, scenario));
      });
      it.runIf(engine)(`${name} (Tandem engine)`, () => {
        expectSameOrCleanlyUnsupported(record(Tandem, scenario), record(BetterSqlite3, scenario), `${title} > ${name}`);
      });
    }
  });
}
