import { it } from 'vitest';
import Sqlite from 'better-sqlite3';
import Database from '../../src/index.js';
import { workload } from './zz-wl.js';
it('dbg', () => {
  const script = workload(Number(process.env.SEED));
  const stop = Number(process.env.STOP);
  console.log(script.slice(0, 7).join('\n'));
  for (const [name, db] of [['tandem', new Database(':memory:')], ['sqlite', new Sqlite(':memory:')]] as const) {
    let i = 0;
    for (const s of script) { if (i === stop) break; try { const st = (db as any).prepare(s); if (st.reader) st.all(); else st.run(); } catch {} i++; }
    console.log(name, JSON.stringify((db as any).prepare('SELECT * FROM tree ORDER BY id').raw().all()), JSON.stringify((db as any).prepare('SELECT * FROM c1 ORDER BY id').raw().all()), (db as any).inTransaction, JSON.stringify((db as any).prepare('pragma defer_foreign_keys').get()));
  }
  console.log(script.slice(stop - 5, stop + 1).join('\n'));
});
