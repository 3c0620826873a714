// Random ALTER TABLE sequences on a schema with data, indexes, views, triggers and foreign keys,
// run on Tandem and better-sqlite3 (seeded, reproducible): every statement's outcome, the schema
// text and the data must agree after each step.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

const SETUP = [
  'PRAGMA foreign_keys = ON',
  'CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT UNIQUE CONSTRAINT nn NOT NULL, score REAL DEFAULT 0, note, CONSTRAINT sc CHECK (score >= 0))',
  'CREATE TABLE c(cid INTEGER PRIMARY KEY AUTOINCREMENT, pid REFERENCES p(id), label TEXT, qty INT DEFAULT 1)',
  'CREATE INDEX c_label ON c(label)',
  'CREATE INDEX p_score ON p(score) WHERE score > 1',
  'CREATE VIEW pv AS SELECT p.name, c.label FROM p JOIN c ON c.pid = p.id',
  'CREATE TABLE audit(what, n)',
  'CREATE TRIGGER c_ins AFTER INSERT ON c BEGIN INSERT INTO audit VALUES (new.label, new.qty); END',
  "INSERT INTO p(name, score, note) VALUES ('a', 1.5, 'x'), ('b', 2, NULL), ('c', 0, x'00')",
  "INSERT INTO c(pid, label, qty) VALUES (1, 'l1', 3), (2, 'l2', NULL), (1, NULL, 5)",
];

const NAMES = ['p', 'c', 'audit', 'pv', 'nope', 'q', '"Quoted Name"'];
const COLUMNS = ['id', 'name', 'score', 'note', 'cid', 'pid', 'label', 'qty', 'what', 'n', 'extra', 'x2', '"odd col"'];
const DEFINITIONS = [
  'extra', 'extra TEXT', "extra TEXT DEFAULT 'd'", 'extra INT NOT NULL DEFAULT 7', 'extra NOT NULL', 'extra UNIQUE', 'extra PRIMARY KEY',
  'extra DEFAULT (1 + 2)', 'extra REFERENCES p(id)', 'extra REFERENCES p(id) DEFAULT 1', 'extra CHECK (extra IS NULL)', "extra DEFAULT 'v' CHECK (extra = 'w')",
  'x2 REAL DEFAULT -1.25', '"odd col" COLLATE NOCASE', 'name',
];

const CONSTRAINTS = ['sc', 'nn', 'k1', 'k2'];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly names that exist now (tables and their columns, read from the oracle), sometimes any. */
function alterStatement(next: () => number, oracle: Database.Database): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const tables = (oracle.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'").pluck().all() as string[]).map(quote);
  const table = next() < 0.8 && tables.length > 0 ? pick(tables) : pick(NAMES);
  const existing = (oracle.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table.startsWith('"') ? table.slice(1, -1).replace(/""/g, '"') : table) as string[]).map(quote);
  const column = () => (next() < 0.8 && existing.length > 0 ? pick(existing) : pick(COLUMNS));
  switch (Math.floor(next() * 8)) {
    case 0:
      return `ALTER TABLE ${table} RENAME TO ${pick(NAMES)}`;
    case 1:
      return `ALTER TABLE ${table} RENAME COLUMN ${column()} TO ${pick(COLUMNS)}`;
    case 2:
      return `ALTER TABLE ${table} ADD COLUMN ${pick(DEFINITIONS)}`;
    case 3:
      return `ALTER TABLE ${table} DROP COLUMN ${column()}`;
    case 4:
      return `ALTER TABLE ${table} ADD ${next() < 0.5 ? `CONSTRAINT ${pick(CONSTRAINTS)} ` : ''}CHECK (${column()} IS NOT ${pick(['NULL', "'x'", '99'])})`;
    case 5:
      return `ALTER TABLE ${table} DROP CONSTRAINT ${pick(CONSTRAINTS)}`;
    case 6:
      return `ALTER TABLE ${table} ALTER COLUMN ${column()} SET NOT NULL`;
    default:
      return `ALTER TABLE ${table} ALTER ${column()} DROP NOT NULL`;
  }
}

const CHECKS = [
  'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid',
  "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
];

/** ALTER statements SQLite carried out (the rest were refused): the sequences must exercise both. */
let carriedOut = 0;
let refused = 0;

describe('random ALTER TABLE sequences match SQLite', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i', (seed) => {
    const next = random(seed);
    const connection = openConnection(':memory:');
    const oracle = new Database(':memory:');
    try {
      expect(differences(connection, oracle, SETUP)).toEqual([]);
      for (let step = 0; step < 12; step++) {
        const alter = alterStatement(next, oracle);
        const version = oracle.pragma('schema_version', { simple: true });
        const diffs = differences(connection, oracle, [alter, ...CHECKS]);
        expect(diffs, `seed ${seed} step ${step}`).toEqual([]);
        if (oracle.pragma('schema_version', { simple: true }) !== version) carriedOut++;
        else refused++;
        const tables = oracle.prepare(CHECKS[1]!).pluck().all() as string[];
        const dumps = tables.map((t) => `SELECT * FROM "${t.replace(/"/g, '""')}" ORDER BY rowid`);
        expect(differences(connection, oracle, dumps), `seed ${seed} step ${step} data`).toEqual([]);
      }
      expect(differences(connection, oracle, ["INSERT INTO c(pid) SELECT max(rowid) FROM p", 'PRAGMA integrity_check', 'PRAGMA foreign_key_check'])).toEqual([]);
    } finally {
      connection.close();
      oracle.close();
    }
  });

  it('exercised many successful and many refused ALTERs', () => {
    expect(carriedOut).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(100);
  });
});
