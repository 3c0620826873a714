import { it } from 'vitest';
import Sqlite from 'better-sqlite3';
import { workload } from './zz-wl.js';
const run = (db: any, s: string) => { try { const st = db.prepare(s); return st.reader ? JSON.stringify(st.raw().all()) : (st.run(), 'ok'); } catch (e: any) { return 'ERR ' + e.message; } };
it('dbg', () => {
  const script = workload(Number(process.env.SEED));
  const db = new Sqlite(':memory:');
  for (const s of script.slice(0, Number(process.env.STOP))) run(db, s);
  for (const t of ['p', 'tree', 'c1', 'c2']) console.log(t, run(db, `SELECT rowid, * FROM ${t}`));
  console.log(db.inTransaction, run(db, 'pragma defer_foreign_keys'));
});
