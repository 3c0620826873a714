// The engines a run can compare, in display order, and loading them with "n/a" for any that cannot run.

import { loadBetterSqlite3 } from './better-sqlite3.js';
import { loadSqlJs } from './sqljs.js';
import { loadTandemAsync } from './tandem-async.js';
import { loadTandemSync } from './tandem-sync.js';
import { loadTurso } from './turso.js';
import type { EngineAdapter, EngineLoad } from './types.js';

export interface EngineEntry {
  readonly id: string;
  readonly label: string;
  readonly load: () => Promise<EngineAdapter>;
}

/** better-sqlite3 comes first: it is the reference for answers and ratios. */
export const engineEntries: readonly EngineEntry[] = [
  { id: 'better-sqlite3', label: 'better-sqlite3', load: loadBetterSqlite3 },
  { id: 'tandem', label: 'Tandem (sync API)', load: loadTandemSync },
  { id: 'tandem-async', label: 'Tandem (async API)', load: loadTandemAsync },
  { id: 'turso', label: 'Turso (@tursodatabase/database)', load: loadTurso },
  { id: 'sql.js', label: 'sql.js (WASM, in-memory)', load: loadSqlJs },
];

export const referenceEngineId = 'better-sqlite3';

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 160);
}

export async function loadEngines(ids?: readonly string[]): Promise<EngineLoad[]> {
  const wanted = ids ? engineEntries.filter((entry) => ids.includes(entry.id)) : engineEntries;
  const loads: EngineLoad[] = [];
  for (const entry of wanted) {
    try {
      loads.push({ id: entry.id, label: entry.label, adapter: await entry.load() });
    } catch (error) {
      loads.push({ id: entry.id, label: entry.label, unavailable: `n/a (not implemented: ${firstLine(error)})` });
    }
  }
  return loads;
}

export async function loadEngine(id: string): Promise<EngineAdapter> {
  const entry = engineEntries.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`unknown engine ${id}`);
  return entry.load();
}
