// Seeded random inputs for the families with the richest input languages: JSON documents (with
// JSON5 noise and corruption), JSON paths and edits, printf formats, and date strings with
// modifiers. Every generated call must agree with better-sqlite3.

import { afterAll, describe, expect, it } from 'vitest';
import { compareAll, openPair } from './support.js';
import { seededRandom as rng } from '../../src/common/random.js';

const pair = openPair();
afterAll(() => pair.close());


const q = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function jsonDoc(r: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ws = (): string => (r() < 0.2 ? pick([' ', '\n', '\t', ' /*c*/ ', '\u00a0']) : '');
  const roll = r();
  if (depth < 4 && roll < 0.25) {
    const n = Math.floor(r() * 4);
    const items = Array.from({ length: n }, () => ws() + jsonDoc(r, depth + 1) + ws());
    return `[${items.join(',')}${n && r() < 0.1 ? ',' : ''}]`;
  }
  if (depth < 4 && roll < 0.5) {
    const n = Math.floor(r() * 4);
    const items = Array.from({ length: n }, () => `${ws()}${pick(['"a"', '"b"', '"a b"', 'c', "'d'", '"\\u0061"', '""', '"é"'])}${ws()}:${ws()}${jsonDoc(r, depth + 1)}`);
    return `{${items.join(',')}}`;
  }
  return pick(['1', '-2', '0', '3.25', '-0.5e-3', '1E+2', '0x1f', '.5', '5.', '+3', 'Infinity', '-Infinity', 'NaN', 'true', 'false', 'null',
    '"s"', '"esc\\n\\"\\u00e9"', "'sq'", '"tab\\ttab"', '"\\x41"', '"日本"', '12345678901234567890', '-9223372036854775808', '1e400']);
}

function corrupt(r: () => number, text: string): string {
  if (r() > 0.15 || text.length === 0) return text;
  const at = Math.floor(r() * text.length);
  const junk = ['', '[', ']', '{', '}', ',', ':', '"', 'x', '0'][Math.floor(r() * 10)]!;
  return text.slice(0, at) + junk + text.slice(at + 1);
}

function path(r: () => number): string {
  const steps = Math.floor(r() * 4);
  let p = '$';
  for (let i = 0; i < steps; i++) {
    const roll = r();
    if (roll < 0.4) p += ['.a', '.b', '."a b"', '.c', '.d', '.""', '."\\u0061"'][Math.floor(r() * 7)];
    else p += ['[0]', '[1]', '[2]', '[#]', '[#-1]', '[#-2]'][Math.floor(r() * 6)];
  }
  return p;
}

describe('seeded random inputs agree with SQLite', () => {
  it('JSON documents, paths and edits', () => {
    const r = rng(20260523);
    const statements: string[] = [];
    for (let i = 0; i < 400; i++) {
      const doc = q(corrupt(r, jsonDoc(r)));
      const p = q(path(r));
      const v = ['1', "'t'", 'NULL', "json('[1,{}]')", '2.5'][i % 5];
      statements.push(
        `SELECT json(${doc}), hex(jsonb(${doc})), json_valid(${doc}, 2), json_error_position(${doc})`,
        `SELECT json_extract(${doc}, ${p}), json_type(${doc}, ${p}), hex(jsonb_extract(${doc}, ${p}))`,
        `SELECT json_set(${doc}, ${p}, ${v}), json_insert(${doc}, ${p}, ${v}), json_replace(${doc}, ${p}, ${v}), json_remove(${doc}, ${p})`,
        `SELECT hex(jsonb_set(${doc}, ${p}, ${v})), json_patch(${doc}, ${q(jsonDoc(r))})`,
        `SELECT hex(jsonb_set(jsonb_set(${doc}, ${p}, ${v}), '$[0]', 1)), hex(jsonb_remove(jsonb_replace(${doc}, ${p}, 'x'), '$.a'))`,
        `SELECT hex(jsonb_patch(${doc}, ${q(jsonDoc(r))})), hex(jsonb_patch(jsonb(${q(jsonDoc(r))}), ${doc}))`,
        `SELECT json_extract(jsonb(${doc}), ${p}), json_pretty(${doc}), json_array_length(jsonb(${doc})), json_type(jsonb(${doc}), ${p})`,
        `SELECT json_array(json(${doc}), jsonb(${doc})), json_object('k', jsonb(${doc})), json_quote(json(${doc})), hex(jsonb_insert(jsonb(${doc}), ${p}, jsonb(${doc})))`,
      );
    }
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('printf formats', () => {
    const r = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const statements: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const flags = Array.from({ length: Math.floor(r() * 3) }, () => pick(['-', '+', ' ', '#', '0', ',', '!'])).join('');
      const width = r() < 0.4 ? String(Math.floor(r() * 25)) : '';
      const precision = r() < 0.4 ? `.${Math.floor(r() * 22)}` : '';
      const conv = pick(['d', 'i', 'u', 'x', 'X', 'o', 'f', 'e', 'E', 'g', 'G', 's', 'q', 'Q', 'w', 'c', 'r', 'z', '%']);
      const arg = pick(['0', '1', '-1', '255', '-123456789', '3.14159265358979', '-0.000012345', '1e21', '9.5', '0.05', '2.5e-8', '123456.789', "'héllo'", "'a''b'", 'NULL', '1e-310', '99.995']);
      statements.push(`SELECT printf('%${flags}${width}${precision}${conv}|', ${arg})`);
    }
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('string functions over random unicode text', () => {
    const r = rng(4242);
    const alphabet = ['a', 'b', 'A', ' ', '-', "'", '%', '_', 'é', 'ß', '日', '😀', '\t', '0', '9', 'x', 'F'];
    const word = (): string => Array.from({ length: Math.floor(r() * 6) }, () => alphabet[Math.floor(r() * alphabet.length)]!).join('');
    const statements: string[] = [];
    for (let i = 0; i < 500; i++) {
      const [a, b, c] = [q(word()), q(word()), q(word())];
      statements.push(
        `SELECT instr(${a}, ${b}), replace(${a}, ${b}, ${c}), trim(${a}, ${b}), ltrim(${a}, ${b}), rtrim(${a}, ${b}), octet_length(${a}), unicode(${a})`,
        `SELECT unhex(${a}, ${b}), soundex(${a}), concat_ws(${b}, ${a}, ${c}), unistr_quote(${a}), printf('%-6.3s|%!6.2s|%q', ${a}, ${b}, ${c}), hex(unhex(hex(${a})))`,
      );
    }
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('date strings with random modifier chains', () => {
    const r = rng(99);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    const statements: string[] = [];
    for (let i = 0; i < 600; i++) {
      const date = `${pad(Math.floor(r() * 3000), 4)}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 31), 2)}`;
      const time = r() < 0.7 ? ` ${pad(Math.floor(r() * 24), 2)}:${pad(Math.floor(r() * 60), 2)}:${pad(Math.floor(r() * 60), 2)}${r() < 0.3 ? '.' + pad(Math.floor(r() * 1000), 3) : ''}` : '';
      const mods = Array.from({ length: Math.floor(r() * 4) }, () =>
        q(pick([`${r() < 0.5 ? '+' : '-'}${Math.floor(r() * 40)} ${pick(['days', 'hours', 'minutes', 'seconds', 'months', 'years'])}`, `${(r() * 100 - 50).toFixed(3)} days`, 'start of month', 'start of year', 'start of day', `weekday ${Math.floor(r() * 7)}`, 'floor', 'ceiling', 'subsec', '+01:30', '-0001-02-03'])),
      );
      const args = [q(date + time), ...mods].join(', ');
      statements.push(`SELECT datetime(${args}), julianday(${args}), strftime('%Y %j %U %W %V %G %u %w %s %f %J', ${args})`);
      const number = pick(['0', '2451545.5', '1700000000', '-1000000', '1e10', '86400.5', "'2460000.25'", '5373484', '-0.5']);
      const numberMods = [q(pick(['unixepoch', 'auto', 'julianday', 'localtime', 'utc', 'subsec'])), ...mods].join(', ');
      statements.push(`SELECT datetime(${number}, ${numberMods}), unixepoch(${number}, ${numberMods}), timediff(${q(date + time)}, datetime(${number}, ${numberMods}))`);
    }
    expect(compareAll(pair, statements)).toEqual([]);
  });
});
