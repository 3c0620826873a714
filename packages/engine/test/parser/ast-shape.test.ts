// The AST carries what later layers need: exact literal values, parameter slots as SQLite assigns
// them, identifier text with quoting, source offsets of statements and names, and statement tails.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ColumnRef, CreateTableStatement, Expr, Select } from '../../src/parser/ast.js';
import { sameName } from '../../src/parser/ast.js';
import { parseExpression, parseStatement, parseStatements } from '../../src/parser/parser.js';

function firstColumnExpr(sql: string): Expr {
  const parsed = parseStatement(sql)!;
  const select = parsed.statement as Select;
  if (select.first.kind !== 'SelectClause') throw new Error('not a SELECT');
  const column = select.first.columns[0]!;
  if (column.kind !== 'ExprColumn') throw new Error('not an expression column');
  return column.expr;
}

describe('literals', () => {
  it('keeps integers as bigint, over-64-bit integers as REAL, and folds -9223372036854775808', () => {
    expect(parseExpression('9223372036854775807')).toMatchObject({ kind: 'Integer', value: 9223372036854775807n });
    expect(parseExpression('9223372036854775808')).toMatchObject({ kind: 'Real', value: 9223372036854775808 });
    expect(parseExpression('-9223372036854775808')).toMatchObject({ kind: 'Integer', value: -9223372036854775808n });
    expect(parseExpression('0xFFFFFFFFFFFFFFFF')).toMatchObject({ kind: 'Integer', value: -1n });
    expect(parseExpression('1_000_000')).toMatchObject({ kind: 'Integer', value: 1000000n });
    expect(parseExpression('0x1_F')).toMatchObject({ kind: 'Integer', value: 31n });
    expect(parseExpression('1.5e3')).toMatchObject({ kind: 'Real', value: 1500 });
    expect(parseExpression('.5')).toMatchObject({ kind: 'Real', value: 0.5 });
    expect(parseExpression('1.')).toMatchObject({ kind: 'Real', value: 1 });
  });

  it('marks oversized hex literals for the code generator (SQLite reports them when coding)', () => {
    expect(parseExpression('0x1FFFFFFFFFFFFFFFF')).toMatchObject({ hexTooBig: 'hex literal too big: 0x1FFFFFFFFFFFFFFFF' });
    expect(parseExpression('-0x1FFFFFFFFFFFFFFFF')).toMatchObject({ hexTooBig: 'hex literal too big: -0x1FFFFFFFFFFFFFFFF' });
    expect(parseExpression('-0x8000000000000000')).toMatchObject({ hexTooBig: 'hex literal too big: -0x8000000000000000' });
    expect(parseExpression('0x8000000000000000')).toMatchObject({ kind: 'Integer', value: -9223372036854775808n });
    expect(parseExpression('0x8000000000000000')).not.toHaveProperty('hexTooBig');
  });

  it('decodes strings, blobs, NULL, TRUE/FALSE and CURRENT_*', () => {
    expect(parseExpression("'it''s'")).toMatchObject({ kind: 'String', value: "it's" });
    expect(parseExpression("x'00fF'")).toMatchObject({ kind: 'Blob', value: new Uint8Array([0, 255]) });
    expect(parseExpression('NULL')).toMatchObject({ kind: 'Null' });
    expect(parseExpression('TRUE')).toMatchObject({ kind: 'Boolean', value: true });
    expect(parseExpression('"true"')).toMatchObject({ kind: 'Column', column: { text: 'true', quoted: true } });
    expect(parseExpression('current_timestamp')).toMatchObject({ kind: 'CurrentTime', which: 'TIMESTAMP' });
  });

  it('agrees with SQLite on the value of every numeric literal form', () => {
    const db = new Database(':memory:');
    db.defaultSafeIntegers(true);
    for (const text of ['0', '42', '9223372036854775807', '9223372036854775808', '18446744073709551615', '0x10', '0xffffffffffffffff', '1e3', '2.5', '.25', '7.', '1_5', '1e1_0']) {
      const expr = parseExpression(text);
      const row = db.prepare(`SELECT ${text} AS v`).get() as { v: bigint | number };
      const ours = expr.kind === 'Integer' ? expr.value : expr.kind === 'Real' ? expr.value : undefined;
      expect(ours, text).toEqual(row.v);
    }
  });
});

describe('parameters', () => {
  it('assigns slots as SQLite does (sqlite3ExprAssignVarNumber)', () => {
    expect(parseStatement('SELECT :a, ?, :a')!.parameters).toEqual({ count: 2, names: [':a', null] });
    expect(parseStatement('SELECT ?5, ?')!.parameters).toEqual({ count: 6, names: [null, null, null, null, '?5', null] });
    expect(parseStatement('SELECT ?2, ?1, ?')!.parameters).toEqual({ count: 3, names: ['?1', '?2', null] });
    expect(parseStatement('SELECT :a, ?1, :b')!.parameters).toEqual({ count: 2, names: [':a', ':b'] });
    expect(parseStatement('SELECT $a, @a, :a, $a')!.parameters).toEqual({ count: 3, names: ['$a', '@a', ':a'] });
    expect(() => parseStatement('SELECT ?0')).toThrowError('variable number must be between ?1 and ?32766');
    const expr = firstColumnExpr('SELECT @x');
    expect(expr).toMatchObject({ kind: 'Parameter', index: 1, name: '@x' });
  });
});

describe('names and offsets', () => {
  it('keeps identifier text as written, unquoted, with token offsets', () => {
    const sql = 'CREATE TABLE "My Table" ([first col] INTEGER, `b``c` TEXT, plain)';
    const statement = parseStatement(sql)!.statement as CreateTableStatement;
    expect(statement.name.name).toMatchObject({ text: 'My Table', quoted: true });
    expect(sql.slice(statement.name.name.start, statement.name.name.end)).toBe('"My Table"');
    expect(statement.columns.map((c) => c.name.text)).toEqual(['first col', 'b`c', 'plain']);
    expect(sql.slice(statement.columns[1]!.name.start, statement.columns[1]!.name.end)).toBe('`b``c`');
    expect(statement.columns[0]!.type).toMatchObject({ text: 'INTEGER' });
    expect(sql.slice(statement.start, statement.end)).toBe(sql);
  });

  it('records column reference spans and statement tails', () => {
    const sql = '  SELECT t.a + 1 AS x FROM t; -- next\n SELECT 2;';
    const parsed = parseStatement(sql)!;
    expect(sql.slice(parsed.statement.start, parsed.statement.end)).toBe('SELECT t.a + 1 AS x FROM t');
    expect(sql.slice(parsed.tail)).toBe(' -- next\n SELECT 2;');
    const expr = firstColumnExpr('SELECT t.a + 1 FROM t');
    const left = (expr as { left: ColumnRef }).left;
    expect(left).toMatchObject({ kind: 'Column', table: { text: 't' }, column: { text: 'a', start: 9, end: 10 } });
    expect(parseStatements('SELECT 1; SELECT 2;; /* c */ ').map((s) => s.statement.kind)).toEqual(['Select', 'Select']);
    expect(parseStatement(' ; -- nothing\n')).toBeNull();
  });

  it('keeps declared types verbatim and strips a trailing GENERATED ALWAYS', () => {
    const sql = 'CREATE TABLE t(a VARCHAR( 255 ), b DOUBLE PRECISION, c UNSIGNED BIG INT, d INT GENERATED ALWAYS AS (1), e AS (2))';
    const statement = parseStatement(sql)!.statement as CreateTableStatement;
    expect(statement.columns.map((c) => c.type?.text ?? null)).toEqual(['VARCHAR( 255 )', 'DOUBLE PRECISION', 'UNSIGNED BIG INT', 'INT', null]);
    expect(statement.columns[0]!.type!.args).toEqual(['255']);
    expect(statement.columns[3]!.constraints[0]).toMatchObject({ kind: 'Generated', storage: 'VIRTUAL' });
  });

  it('compares names the SQLite way', () => {
    expect(sameName('Abc', 'aBC')).toBe(true);
    expect(sameName('é', 'É')).toBe(false);
    expect(sameName('a', 'ab')).toBe(false);
  });
});

describe('statement shapes', () => {
  it('parses DEFAULT forms into expressions', () => {
    const sql = "CREATE TABLE t(a DEFAULT -5, b DEFAULT abc, c DEFAULT (1 + 2), d DEFAULT CURRENT_TIME, e DEFAULT 'x', f DEFAULT false)";
    const statement = parseStatement(sql)!.statement as CreateTableStatement;
    const defaults = statement.columns.map((c) => c.constraints.find((k) => k.kind === 'Default'));
    expect(defaults.map((d) => (d && d.kind === 'Default' ? d.expr.kind : null))).toEqual(['Unary', 'String', 'Binary', 'CurrentTime', 'String', 'Boolean']);
  });

  it('parses joins, upserts, triggers and window clauses into the documented nodes', () => {
    const join = parseStatement('SELECT * FROM a NATURAL LEFT OUTER JOIN b USING (x), c CROSS JOIN d')!.statement as Select;
    if (join.first.kind !== 'SelectClause') throw new Error();
    expect(join.first.from!.sources.map((s) => s.join)).toEqual([
      null,
      { natural: true, type: 'LEFT' },
      { natural: false, type: 'COMMA' },
      { natural: false, type: 'CROSS' },
    ]);
    const insert = parseStatement('INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 2 ON CONFLICT DO NOTHING RETURNING *')!.statement;
    expect(insert).toMatchObject({ kind: 'Insert', upserts: [{ action: { kind: 'Update' } }, { target: null, action: { kind: 'Nothing' } }] });
    const trigger = parseStatement('CREATE TRIGGER tr BEFORE UPDATE OF a ON t WHEN new.a > 0 BEGIN SELECT RAISE(ABORT, \'x\'); DELETE FROM u; END')!.statement;
    expect(trigger).toMatchObject({ kind: 'CreateTrigger', timing: 'BEFORE', event: { kind: 'Update', columns: [{ text: 'a' }] } });
    expect(trigger.kind === 'CreateTrigger' ? trigger.body : []).toHaveLength(2);
    expect(parseStatement('BEGIN CONCURRENT')!.statement).toMatchObject({ kind: 'Begin', mode: 'CONCURRENT' });
    expect(parseStatement('ALTER TABLE t ALTER COLUMN a SET NOT NULL')!.statement).toMatchObject({ action: { kind: 'SetNotNull' } });
  });

  it('raises SqliteError with SQLITE_ERROR for syntax errors', () => {
    expect(() => parseStatement('SELECT FROM')).toThrowError(expect.objectContaining({ code: 'SQLITE_ERROR', message: 'near "FROM": syntax error' }));
    expect(() => parseExpression('1 +')).toThrowError('incomplete input');
  });
});

describe('expression spans', () => {
  it('cover the source text SQLite uses as the result column name', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(a, b)');
    // Bare column references are named after the column instead (the code generator's rule).
    for (const sql of ['SELECT (a+1), a+1, ( a ) * 2, -(b), CAST(a AS TEXT), a COLLATE nocase, (a,b) IN (SELECT 1, 2), ((1)), ( (2) ) FROM t']) {
      const select = parseStatement(sql)!.statement as Select;
      if (select.first.kind !== 'SelectClause') throw new Error();
      const ours = select.first.columns.map((c) => sql.slice(c.start, c.end));
      const exprs = select.first.columns.map((c) => (c.kind === 'ExprColumn' ? sql.slice(c.expr.start, c.expr.end) : '*'));
      const theirs = db.prepare(sql).columns().map((c) => c.name);
      expect(ours).toEqual(theirs);
      expect(exprs).toEqual(theirs);
    }
  });
});
