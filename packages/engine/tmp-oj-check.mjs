import Database from 'better-sqlite3';
import { openConnection } from './dist/internal.js';
const { randomCaseStatements } = await import('../testkit/dist/randomsql/case.js');
const s = randomCaseStatements(Number(process.argv[2])).map((q) => (typeof q === 'string' ? q : q.sql));
const idx = Number(process.argv[3]);
const c = openConnection(':memory:'); const o = new Database(':memory:');
const run = (sql) => { const { statement } = c.prepare(sql); if (!statement) return []; const rows = []; while (statement.step() === 100 || statement.step === undefined) { rows.push(statement.row().slice()); } return rows; };
for (let i = 0; i < idx; i++) { try { o.exec(s[i]); } catch {} try { const { statement } = c.prepare(s[i]); if (statement) { while (statement.step() === 1) {} statement.finalize(); } } catch {} }
const q = process.argv[4] ?? s[idx];
const want = o.prepare(q).safeIntegers(true).raw().all();
const { statement } = c.prepare(q); const got = []; for (;;) { const r = statement.step(); if (r !== 1) break; got.push(statement.row().slice()); }
const show = (r) => r.map((v) => (v === null ? 'NULL' : v instanceof Uint8Array || Buffer.isBuffer(v) ? 'x' + Buffer.from(v).toString('hex') : typeof v + ':' + v)).join('|');
const w = want.map(show), g = got.map(show);
for (let i = 0; i < Math.max(w.length, g.length); i++) if (w[i] !== g[i]) console.log(i, 'want', w[i], 'got', g[i]);
console.log(w.length, g.length);
