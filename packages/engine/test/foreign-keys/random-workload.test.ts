// Random foreign key workloads against SQLite (seeded, so a failure reproduces): a parent, a
// self-referencing tree and two child tables with randomly chosen actions and deferral, then
// random INSERT / INSERT OR REPLACE / UPSERT / UPDATE (OR REPLACE) / DELETE statements and
// defer_foreign_keys changes, some inside transactions that commit or roll back; every statement's
// outcome and the final contents must match. (Seeds 1-600 were run while developing.)

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

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

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const ACTIONS = ['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'];

function workload(seed: number): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (n: number): number => Math.floor(next() * n);
  const deferral = (): string => (next() < 0.3 ? ' DEFERRABLE INITIALLY DEFERRED' : '');
  const script = [
    'PRAGMA foreign_keys = ON',
    'CREATE TABLE p(id INTEGER PRIMARY KEY, code TEXT UNIQUE)',
    `CREATE TABLE tree(id INTEGER PRIMARY KEY, up INTEGER REFERENCES tree ON DELETE ${pick(ACTIONS)} ON UPDATE ${pick(ACTIONS)}${deferral()}, pid INTEGER DEFAULT 1 REFERENCES p ON DELETE ${pick(ACTIONS)})`,
    `CREATE TABLE c1(id INTEGER PRIMARY KEY, pcode TEXT DEFAULT 'c1' REFERENCES p(code) ON DELETE ${pick(ACTIONS)} ON UPDATE ${pick(ACTIONS)}${deferral()}, t INTEGER REFERENCES tree ON DELETE ${pick(ACTIONS)})`,
    `CREATE TABLE c2(a INTEGER, b TEXT, FOREIGN KEY (a, b) REFERENCES p(id, code) ON UPDATE ${pick(ACTIONS)} ON DELETE ${pick(ACTIONS)}${deferral()})`,
    'CREATE UNIQUE INDEX p_id_code ON p(id, code)',
    next() < 0.5 ? 'CREATE INDEX c1_t ON c1(t)' : 'CREATE INDEX tree_up ON tree(up)',
    // Consistent starting rows, so that actions have children to act on.
    `INSERT INTO p VALUES ${range(8).map((i) => `(${i}, 'c${i}')`).join(', ')}`,
    `INSERT INTO tree VALUES ${range(12).map((i) => `(${i + 1}, ${(i + 1) >> 1 || 'NULL'}, ${(i + 1) % 8})`).join(', ')}`,
    `INSERT INTO c1(pcode, t) VALUES ${range(20).map((i) => `('c${i % 8}', ${(i % 12) + 1})`).join(', ')}`,
    `INSERT INTO c2 VALUES ${range(10).map((i) => `(${i % 8}, 'c${i % 8}')`).join(', ')}`,
  ];
  const code = (): string => `'c${int(8)}'`;
  const statements = [
    () => `INSERT INTO p VALUES (${int(8)}, ${code()})`,
    () => `INSERT OR REPLACE INTO p VALUES (${int(8)}, ${code()})`,
    () => `UPDATE p SET id = ${int(8)} WHERE id = ${int(8)}`,
    () => `UPDATE p SET code = ${code()} WHERE id = ${int(8)}`,
    () => `DELETE FROM p WHERE id = ${int(8)}`,
    () => `INSERT INTO tree VALUES (${int(12)}, ${next() < 0.3 ? 'NULL' : int(12)}, ${int(8)})`,
    () => `UPDATE tree SET id = ${int(12)} WHERE id = ${int(12)}`,
    () => `UPDATE tree SET up = ${int(12)} WHERE id = ${int(12)}`,
    () => `DELETE FROM tree WHERE id = ${int(12)}`,
    () => `INSERT INTO c1(pcode, t) VALUES (${code()}, ${next() < 0.3 ? 'NULL' : int(12)})`,
    () => `INSERT INTO c2 VALUES (${int(8)}, ${code()})`,
    () => `UPDATE c1 SET pcode = ${code()} WHERE id % 3 = ${int(3)}`,
    () => `DELETE FROM c1 WHERE id % 4 = ${int(4)}`,
    () => `DELETE FROM c2 WHERE a = ${int(8)}`,
    () => `INSERT INTO p VALUES (${int(8)}, ${code()}) ON CONFLICT(id) DO UPDATE SET code = excluded.code`,
    () => `INSERT OR REPLACE INTO tree VALUES (${int(12)}, ${int(12)}, ${int(8)})`,
    () => `PRAGMA defer_foreign_keys = ${int(2)}`,
    () => `UPDATE p SET id = id + ${int(3)} WHERE id > ${int(8)}`,
    () => `DELETE FROM tree WHERE up = ${int(12)}`,
    () => `UPDATE tree SET up = up + 1 WHERE id % 2 = ${int(2)}`,
    () => `UPDATE OR REPLACE p SET code = ${code()} WHERE id = ${int(8)}`,
  ];
  // Transaction control at random: a COMMIT may fail (deferred violations) and leave the
  // transaction open, so both engines simply get the same statements and must agree.
  for (let i = 0; i < 90; i++) {
    const roll = next();
    if (roll < 0.04) script.push('BEGIN');
    else if (roll < 0.07) script.push('COMMIT');
    else if (roll < 0.08) script.push('ROLLBACK');
    else script.push(pick(statements)());
  }
  script.push('COMMIT');
  script.push('SELECT * FROM p ORDER BY id', 'SELECT * FROM tree ORDER BY id', 'SELECT * FROM c1 ORDER BY id', 'SELECT * FROM c2 ORDER BY rowid', 'PRAGMA foreign_key_check');
  return script;
}

describe('random foreign key workloads', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}`, async () => {
      await expectSameResults(workload(seed));
    });
  }
});
