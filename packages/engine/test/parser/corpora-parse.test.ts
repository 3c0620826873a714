// Every SQL statement of the shared corpora (sqllogictest scripts, Turso's .sqltest files and
// SQLite's fuzzed scripts) parses exactly when SQLite parses it, with identical parse-error messages.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parser.js';
import { corporaRoot, isParseError, openOracle, sqliteVerdict } from './syntax-oracle.js';

function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (entry.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

interface SltRecord {
  kind: 'ok' | 'error' | 'query';
  sql: string;
  where: string;
}

/** Records of a sqllogictest script that apply to SQLite (about.wiki format). */
function sqllogictestRecords(path: string): SltRecord[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const records: SltRecord[] = [];
  let skip = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === 'halt') break;
    if (line === '') {
      skip = false;
      continue;
    }
    const words = line.split(/\s+/);
    if (words[0] === 'onlyif' && words[1] !== 'sqlite') skip = true;
    if (words[0] === 'skipif' && words[1] === 'sqlite') skip = true;
    if (words[0] !== 'statement' && words[0] !== 'query') continue;
    const kind = words[0] === 'query' ? 'query' : words[1] === 'error' ? 'error' : 'ok';
    const sqlLines: string[] = [];
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '' && lines[i + 1]!.trim() !== '----') sqlLines.push(lines[++i]!);
    if (!skip) records.push({ kind, sql: sqlLines.join('\n'), where: `${path}:${start}` });
    skip = false;
  }
  return records;
}

/** The SQL blocks (`setup name {` / `test name {` ... `}`) of a .sqltest file. */
function sqltestBlocks(path: string): { name: string; sql: string; setups: string[] }[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: { name: string; sql: string; setups: string[] }[] = [];
  const setups = new Map<string, string>();
  let pendingSetups: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const setupRef = /^@setup\s+(\S+)/.exec(line);
    if (setupRef) pendingSetups.push(setupRef[1]!);
    const open = /^(setup|test|snapshot)\s+(\S+)\s*\{\s*$/.exec(line);
    if (!open) continue;
    const body: string[] = [];
    while (i + 1 < lines.length && lines[i + 1] !== '}') body.push(lines[++i]!);
    i++;
    const sql = body.join('\n');
    if (open[1] === 'setup') setups.set(open[2]!, sql);
    else if (!sql.includes('{{')) {
      blocks.push({ name: `${path} ${open[2]}`, sql, setups: pendingSetups.map((s) => setups.get(s) ?? '') });
    }
    pendingSetups = [];
  }
  for (const [name, sql] of setups) blocks.push({ name: `${path} setup ${name}`, sql, setups: [] });
  return blocks;
}

/**
 * Parses a script statement by statement, running each statement in SQLite as well (so later
 * statements see the tables earlier ones created). Returns mismatches.
 */
function checkScript(db: ReturnType<typeof openOracle>, sql: string, where: string): string[] {
  let offset = 0;
  for (;;) {
    let parsed;
    try {
      parsed = parseStatement(sql, offset);
    } catch (error) {
      const ours = (error as Error).message;
      const rest = sql.slice(offset);
      try {
        db.exec(rest);
        return [`${where}: we fail (${ours}) where SQLite runs: ${rest.slice(0, 200)}`];
      } catch (sqliteError) {
        const theirs = (sqliteError as Error).message;
        if (theirs === ours || !isParseError(theirs)) return [];
        return [`${where}: ours "${ours}", SQLite "${theirs}": ${rest.slice(0, 200)}`];
      }
    }
    if (parsed === null) return [];
    const text = sql.slice(offset, parsed.tail);
    offset = parsed.tail;
    const verdict = sqliteVerdict(db, text);
    if (verdict.kind === 'parse-error') return [`${where}: we parse, SQLite says "${verdict.message}": ${text.slice(0, 200)}`];
    if (verdict.kind === 'ok') {
      try {
        const statement = db.prepare(text);
        if (statement.reader) statement.all();
        else statement.run();
      } catch {
        // Runtime errors (constraints, missing tables) do not concern the parser.
      }
    }
  }
}

const root = corporaRoot();

describe.skipIf(root === null)('corpora statements parse as in SQLite', () => {
  if (root === null) console.warn('parser corpora tests skipped: no corpora (set TANDEM_CORPORA)');

  it('sqllogictest: every statement and query', () => {
    const files = filesUnder(join(root!, 'sqllogictest'), '.test');
    expect(files.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    let parsedCount = 0;
    const db = openOracle();
    for (const file of files) {
      for (const record of sqllogictestRecords(file)) {
        let ours: string | null = null;
        try {
          let offset = 0;
          for (;;) {
            const parsed = parseStatement(record.sql, offset);
            if (parsed === null) break;
            offset = parsed.tail;
            parsedCount++;
          }
        } catch (error) {
          ours = (error as Error).message;
        }
        if (record.kind !== 'error') {
          if (ours !== null) mismatches.push(`${record.where}: ${ours}: ${record.sql.slice(0, 200)}`);
          continue;
        }
        const theirs = sqliteVerdict(db, record.sql);
        if (theirs.kind === 'parse-error' && theirs.message !== ours) {
          mismatches.push(`${record.where}: ours ${ours}, SQLite ${theirs.message}`);
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(parsedCount).toBeGreaterThan(10_000);
  });

  it('turso sqltest: every setup and test block', () => {
    const files = filesUnder(join(root!, 'turso-sqltest', 'sqlite-sqltests'), '.sqltest');
    expect(files.length).toBeGreaterThan(100);
    const mismatches: string[] = [];
    let blocks = 0;
    for (const file of files) {
      for (const block of sqltestBlocks(file)) {
        blocks++;
        const db = openOracle();
        for (const setup of block.setups) {
          try {
            db.exec(setup);
          } catch {
            // A setup that fails at runtime is reported by its own block check.
          }
        }
        mismatches.push(...checkScript(db, block.sql, block.name));
        db.close();
      }
    }
    expect(mismatches.slice(0, 30)).toEqual([]);
    expect(blocks).toBeGreaterThan(1000);
  });

  it('sqlite-fuzzdata: every statement of the fuzzed scripts', () => {
    const mismatches: string[] = [];
    let statements = 0;
    const db = openOracle();
    for (const file of ['fuzzdata4.db', 'fuzzdata6.db']) {
      const source = new Database(join(root!, 'sqlite-fuzzdata', file), { readonly: true });
      const rows = source.prepare('SELECT sqltext FROM xsql').all() as { sqltext: string | Uint8Array }[];
      source.close();
      for (const row of rows) {
        const sql = typeof row.sqltext === 'string' ? row.sqltext : new TextDecoder().decode(row.sqltext);
        let offset = 0;
        for (;;) {
          let parsed;
          statements++;
          try {
            parsed = parseStatement(sql, offset);
          } catch (error) {
            const ours = (error as Error).message;
            const rest = sql.slice(offset);
            try {
              db.prepare(rest);
              mismatches.push(`we fail (${ours}), SQLite parses: ${rest.slice(0, 150)}`);
            } catch (sqliteError) {
              const theirs = (sqliteError as Error).message;
              // better-sqlite3 parsed the first statement and refuses the rest.
              if ((sqliteError as { code?: string }).code === undefined && /more than one statement/.test(theirs)) {
                mismatches.push(`we fail (${ours}), SQLite parses: ${rest.slice(0, 150)}`);
              } else if (isParseError(theirs) && theirs !== ours) {
                mismatches.push(`ours "${ours}", SQLite "${theirs}": ${rest.slice(0, 150)}`);
              }
            }
            break;
          }
          if (parsed === null) break;
          const text = sql.slice(offset, parsed.tail);
          offset = parsed.tail;
          const verdict = sqliteVerdict(db, text);
          if (verdict.kind === 'parse-error') mismatches.push(`we parse, SQLite says "${verdict.message}": ${text.slice(0, 150)}`);
        }
      }
    }
    expect(statements).toBeGreaterThan(10_000);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
