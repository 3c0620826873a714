// The planner's choices, read from compiled programs: rowid and indexed-column lookups never scan
// the table; ranges seek; unusable terms (affinity or collation mismatch) fall back to a scan.

import { describe, expect, it } from 'vitest';
import { compileStatement } from '../../src/compiler/compile.js';
import { builtinFunctions } from '../../src/functions/builtins.js';
import { parseStatement } from '../../src/parser/parser.js';
import { Schema } from '../../src/schema/schema.js';
import { builtinCollations } from '../../src/values/collation.js';
import { Opcode, type Program } from '../../src/vm/program.js';

const rows = [
  { type: 'table', name: 't', tableName: 't', rootPage: 2, sql: 'CREATE TABLE t(id INTEGER PRIMARY KEY, a INT, b TEXT, c TEXT COLLATE NOCASE)' },
  { type: 'index', name: 't_a', tableName: 't', rootPage: 3, sql: 'CREATE INDEX t_a ON t(a)' },
  { type: 'index', name: 't_b_a', tableName: 't', rootPage: 4, sql: 'CREATE INDEX t_b_a ON t(b, a)' },
  { type: 'index', name: 't_c', tableName: 't', rootPage: 5, sql: 'CREATE INDEX t_c ON t(c)' },
];
const schema = Schema.fromRows(rows, (sql) => parseStatement(sql)!.statement, 1, 1);

function compile(sql: string): Program {
  const parsed = parseStatement(sql)!;
  return compileStatement({ schema, functions: builtinFunctions(), sql, parameters: parsed.parameters, collations: builtinCollations, memory: true }, parsed.statement);
}

/** Root pages opened, and whether the table cursor is ever rewound (a full scan). */
function access(program: Program): { roots: number[]; tableScan: boolean; seeks: string[] } {
  const tableCursors = new Set<number>();
  const roots: number[] = [];
  for (const ins of program.instructions) {
    if (ins.op === Opcode.OpenRead) {
      roots.push(ins.p2);
      if (ins.p2 === 2) tableCursors.add(ins.p1);
    }
  }
  const seekNames: Partial<Record<Opcode, string>> = { [Opcode.SeekRowid]: 'SeekRowid', [Opcode.SeekGE]: 'SeekGE', [Opcode.SeekGT]: 'SeekGT', [Opcode.SeekLE]: 'SeekLE', [Opcode.SeekLT]: 'SeekLT' };
  return {
    roots,
    tableScan: program.instructions.some((ins) => ins.op === Opcode.Rewind && tableCursors.has(ins.p1)),
    seeks: program.instructions.flatMap((ins) => (seekNames[ins.op] ? [seekNames[ins.op]!] : [])),
  };
}

describe('planner', () => {
  it('rowid equality is a SeekRowid, never a scan', () => {
    expect(access(compile('SELECT * FROM t WHERE id = ?'))).toEqual({ roots: [2], tableScan: false, seeks: ['SeekRowid'] });
    expect(access(compile('SELECT * FROM t WHERE ? = rowid AND a > 3'))).toEqual({ roots: [2], tableScan: false, seeks: ['SeekRowid'] });
  });
  it('rowid ranges seek', () => {
    expect(access(compile('SELECT * FROM t WHERE id > 10 AND id < 20'))).toMatchObject({ tableScan: false, seeks: ['SeekGT'] });
  });
  it('indexed column equality and ranges use the index', () => {
    expect(access(compile('SELECT * FROM t WHERE a = 5'))).toEqual({ roots: [2, 3], tableScan: false, seeks: ['SeekGE'] });
    expect(access(compile("SELECT * FROM t WHERE b = 'x' AND a >= 5"))).toEqual({ roots: [2, 4], tableScan: false, seeks: ['SeekGE'] });
    // The index covers the query (it reads no column of the row): the table is never opened, as in SQLite.
    expect(access(compile('SELECT count(*) FROM t WHERE a > ?'))).toEqual({ roots: [3], tableScan: false, seeks: ['SeekGT'] });
    expect(access(compile("UPDATE t SET b = 'y' WHERE a = 1")).tableScan).toBe(false);
    expect(access(compile('DELETE FROM t WHERE a = 1')).tableScan).toBe(false);
  });
  it('terms an index cannot serve fall back to a scan', () => {
    expect(access(compile("SELECT * FROM t WHERE c = 'x' COLLATE BINARY")).tableScan).toBe(true);
    expect(access(compile("SELECT * FROM t WHERE c = 'x'")).tableScan).toBe(false);
    expect(access(compile('SELECT * FROM t WHERE a + 1 = 5')).tableScan).toBe(true);
    expect(access(compile('SELECT * FROM t WHERE a = b')).tableScan).toBe(true);
  });
  it('ORDER BY served by rowid or index order needs no sorter', () => {
    const sorts = (sql: string) => compile(sql).instructions.some((ins) => ins.op === Opcode.SorterOpen);
    expect(sorts('SELECT * FROM t ORDER BY id')).toBe(false);
    expect(sorts('SELECT * FROM t WHERE id > 5 ORDER BY rowid')).toBe(false);
    expect(sorts('SELECT * FROM t ORDER BY a')).toBe(false);
    expect(access(compile('SELECT * FROM t ORDER BY a LIMIT 3')).roots).toEqual([2, 3]);
    expect(sorts("SELECT * FROM t WHERE b = 'x' ORDER BY a")).toBe(false);
    expect(sorts("SELECT * FROM t WHERE b = 'x' ORDER BY a, id")).toBe(false);
    expect(sorts('SELECT * FROM t ORDER BY a DESC')).toBe(false); // the index walked backwards
    expect(sorts('SELECT * FROM t ORDER BY b COLLATE NOCASE')).toBe(true);
    expect(sorts('SELECT * FROM t ORDER BY c')).toBe(false);
    expect(sorts('SELECT * FROM t ORDER BY a, b')).toBe(true);
  });
});
