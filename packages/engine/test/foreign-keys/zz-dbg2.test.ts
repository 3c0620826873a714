import { it } from 'vitest';
import Sqlite from 'better-sqlite3';
import Database from '../../src/index.js';
import { workload } from './zz-wl.js';
it('dbg', () => {
  const script = workload(Number(process.env.SEED));
  const dbs = [new Database(':memory:'), new Sqlite(':memory:')] as any[];
  script.forEach((s, i) => {
    const outs = dbs.map((db) => { try { const st = db.prepare(s); return st.reader ? JSON.stringify(st.raw().all()) : (st.run(), 'ok'); } catch (e: any) { return 'ERR ' + e.message; } });
    // probe: would a COMMIT succeed? use a savepoint-free check via inTransaction
    console.log(String(i).padStart(3), outs[0] === outs[1] ? '  ' : '!!', dbs[0].inTransaction ? 'T' : ' ', s.slice(0, 110), outs[0] === outs[1] ? '' : outs.join(' / '));
  });
});
