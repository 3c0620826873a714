// Random schemas and data for the random SQL generator: tables with assorted declared types (so
// every affinity occurs), keys, WITHOUT ROWID tables, plain/unique/partial/expression indexes, and
// rows of NULLs, boundary integers, reals, text differing in case and spaces, and blobs.
//
// Determinism rules the generator keeps (so a difference is a bug, not a legitimate freedom):
// - Columns use the BINARY collation; other collations appear only in comparisons and ORDER BY,
//   so DISTINCT/GROUP BY never have to pick between 'a' and 'A'.
// - Reals in the data are never integral within the int64 range (0.0 = 0 would make a GROUP BY
//   pick between two spellings of one value).
// - Unique values live only in key columns; UPDATE never writes key columns (whether a row-by-row
//   unique check fails would depend on the row order).

import type { Rng } from './rng.js';

export interface Column {
  name: string;
  decl: string;
  key: boolean;
  notNull: boolean;
}

export interface Table {
  name: string;
  columns: Column[];
  withoutRowid: boolean;
}

const TYPES = ['INTEGER', 'INT', 'TEXT', 'REAL', 'BLOB', 'NUMERIC', '', 'VARCHAR(10)', 'BOOLEAN', 'DOUBLE', 'DECIMAL(10,2)', 'CHARACTER(20)', 'FLOAT', 'DATETIME', 'STRING', 'BIGINT UNSIGNED'];

export const INTEGERS = ['0', '1', '-1', '2', '3', '7', '10', '-5', '42', '100', '2147483647', '-2147483648', '4294967296', '9223372036854775807', '-9223372036854775808', '9223372036854775806'];
export const REALS = ['0.5', '-2.25', '3.75', '1e308', '-1.5e-7', '1e19', '123.456', '-0.125', '2.5'];
export const TEXTS = ["'a'", "'A'", "'b'", "'abc'", "'ABC'", "'Abc'", "' a'", "'a '", "''", "'10'", "'1e3'", "'-7'", "' 42 '", "'x y'", "'%'", "'_b'", "'2024-01-15'", "'0x10'"];
export const BLOBS = ["x''", "x'00'", "x'41'", "x'6162'", "x'ff00'", "x'3130'"];

/** A random SQL literal of any storage class (NULL included). */
export function literal(rng: Rng): string {
  const r = rng.next();
  if (r < 0.12) return 'NULL';
  if (r < 0.45) return rng.pick(INTEGERS);
  if (r < 0.6) return rng.pick(REALS);
  if (r < 0.9) return rng.pick(TEXTS);
  return rng.pick(BLOBS);
}

export function makeSchema(rng: Rng): { tables: Table[]; ddl: string[] } {
  const tables: Table[] = [];
  const ddl: string[] = [];
  const count = rng.between(2, 3);
  for (let t = 0; t < count; t++) {
    const name = `t${t}`;
    const withoutRowid = rng.chance(0.25);
    const columns: Column[] = [];
    const n = rng.between(2, 5);
    for (let c = 0; c < n; c++) columns.push({ name: `c${c}`, decl: rng.pick(TYPES), key: false, notNull: rng.chance(0.1) });
    const defs = columns.map((c) => `${c.name}${c.decl ? ' ' + c.decl : ''}${c.notNull ? ' NOT NULL' : ''}${rng.chance(0.15) ? ` DEFAULT ${literal(rng)}` : ''}`);
    let keyClause = '';
    if (withoutRowid || rng.chance(0.5)) {
      // The key: column 0 (single) or columns 0 and 1 (composite); WITHOUT ROWID needs one.
      const keyCols = rng.chance(0.3) && n > 2 ? [columns[0]!, columns[1]!] : [columns[0]!];
      for (const k of keyCols) k.key = true;
      if (keyCols.length === 1 && !withoutRowid && rng.chance(0.5)) {
        keyCols[0]!.decl = 'INTEGER';
        defs[0] = 'c0 INTEGER PRIMARY KEY';
      } else keyClause = `, ${rng.chance(0.7) ? 'PRIMARY KEY' : 'UNIQUE'}(${keyCols.map((k) => k.name).join(', ')})`;
      if (withoutRowid && keyClause.includes('UNIQUE')) keyClause = keyClause.replace('UNIQUE', 'PRIMARY KEY');
    }
    ddl.push(`CREATE TABLE ${name}(${defs.join(', ')}${keyClause})${withoutRowid ? ' WITHOUT ROWID' : ''}`);
    tables.push({ name, columns, withoutRowid });
    const indexes = rng.int(4);
    for (let i = 0; i < indexes; i++) ddl.push(makeIndex(rng, tables[t]!, i));
  }
  return { tables, ddl };
}

function makeIndex(rng: Rng, table: Table, i: number): string {
  const name = `${table.name}_i${i}`;
  const cols = rng.sample(table.columns, rng.between(1, 2));
  const kind = rng.int(4);
  const where = rng.chance(0.3) ? ` WHERE ${cols[0]!.name} IS NOT NULL` : rng.chance(0.2) ? ` WHERE ${cols[0]!.name} > 0` : '';
  if (kind === 0) {
    const expr = rng.pick([`lower(${cols[0]!.name})`, `${cols[0]!.name} + 1`, `length(${cols[0]!.name})`, `coalesce(${cols[0]!.name}, 0)`, `${cols[0]!.name} COLLATE NOCASE`]);
    return `CREATE INDEX ${name} ON ${table.name}(${expr})${where}`;
  }
  const keyCols = table.columns.filter((c) => c.key);
  if (kind === 1 && keyCols.length > 0) return `CREATE UNIQUE INDEX ${name} ON ${table.name}(${keyCols.map((c) => c.name).join(', ')})${where}`;
  return `CREATE INDEX IF NOT EXISTS ${name} ON ${table.name}(${cols.map((c) => `${c.name}${rng.chance(0.3) ? ' DESC' : ''}`).join(', ')})${where}`;
}

/** INSERT statements filling the tables; key columns get distinct values, with a few collisions on purpose. */
export function makeData(rng: Rng, tables: readonly Table[]): string[] {
  const out: string[] = [];
  for (const table of tables) {
    const rows = rng.between(6, 16);
    const values: string[] = [];
    for (let r = 0; r < rows; r++) values.push(`(${table.columns.map((c) => (c.key ? keyValue(rng, r) : rng.chance(0.05) && !c.notNull ? 'NULL' : literal(rng))).join(', ')})`);
    // Several statements, so one constraint failure does not lose every row.
    for (let k = 0; k < values.length; k += 4) {
      const verb = rng.pick(['INSERT INTO', 'INSERT INTO', 'INSERT OR IGNORE INTO', 'INSERT OR REPLACE INTO']);
      out.push(`${verb} ${table.name} VALUES ${values.slice(k, k + 4).join(', ')}`);
    }
  }
  return out;
}

/** A key value: mostly distinct per row number, sometimes a deliberate duplicate or an odd type. */
export function keyValue(rng: Rng, row: number): string {
  const r = rng.next();
  if (r < 0.08) return String(rng.int(Math.max(1, row)));
  if (r < 0.15) return `'k${row}'`;
  if (r < 0.2) return `${row}.5`;
  return String(row);
}
