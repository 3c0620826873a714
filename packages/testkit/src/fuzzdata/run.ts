// One fuzz case, as the worker runs it: a fuzzdata script ("fuzzdata6:240", read from the corpus
// folder) or a random-generator seed ("random:17"), on the engine under test and on SQLite.

import { join } from 'node:path';
import { openSqlite, type DriverFactory } from '../driver.js';
import { truncate } from '../format.js';
import { randomCaseStatements } from '../randomsql/case.js';
import { runScript, scriptStatements, type Divergence, type ScriptDiff } from './compare.js';
import { readFuzzScript } from './corpus.js';

export interface FuzzCaseResult {
  id: string;
  statements: number;
  nondeterministic: number;
  randomTainted: boolean;
  /** The first divergence's kind, or null when the engine agreed with SQLite throughout. */
  kind: Divergence | null;
  /** The first few divergences, readable (the rest are counted). */
  diffs: ScriptDiff[];
  diffCount: number;
  milliseconds: number;
}

/** Runs one case by id; `corpusFolder` is the sqlite-fuzzdata folder (needed for script ids). */
export function runFuzzCase(id: string, engine: DriverFactory, corpusFolder: string | null): FuzzCaseResult {
  const started = performance.now();
  let statements;
  const random = /^random:(\d+)$/.exec(id);
  if (random) statements = randomCaseStatements(Number(random[1]));
  else {
    const match = /^(.+):(\d+)$/.exec(id);
    if (!match || !corpusFolder) throw new Error(`not a fuzz case id: ${id}`);
    statements = scriptStatements(readFuzzScript({ file: join(corpusFolder, `${match[1]}.db`), sqlid: Number(match[2]) }));
  }
  const result = runScript(statements, engine, openSqlite);
  return {
    id,
    statements: result.statements,
    nondeterministic: result.nondeterministic,
    randomTainted: result.randomTainted,
    kind: result.diffs[0]?.kind ?? null,
    diffs: result.diffs.slice(0, 5).map((d) => ({ ...d, sql: truncate(d.sql, 300), detail: truncate(d.detail, 600) })),
    diffCount: result.diffs.length,
    milliseconds: performance.now() - started,
  };
}
