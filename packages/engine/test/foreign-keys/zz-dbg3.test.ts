import { it } from 'vitest';
import Sqlite from 'better-sqlite3';
import Database from '../../src/index.js';
import { workload } from './zz-wl.js';
const run = (db: any, s: string) => { try { const st = db.prepare(s); return st.reader ? JSON.stringify(st.raw().all()) : (st.run(), 'ok'); } catch (e: any) { return 'ERR ' + e.message; } };
it('dbg', () => {
  const script = workload(Number(process.env.SEED));
  for (let k = Number(process.env.FROM ?? 0); k < script.length; k++) {
    const outs = [new Database(':memory:'), new Sqlite(':memory:')].map((db: any) => { for (const s of script.slice(0, k + 1)) run(db, s); return run(db, 'COMMIT') + ' ' + run(db, 'PRAGMA foreign_key_check'); });
    if (outs[0] !== outs[1]) { console.log('first divergence after statement', k, script[k], '\n', outs.join('\n ')); console.log(script.slice(Math.max(0, k - 6), k + 1).join('\n')); break; }
  }
});
