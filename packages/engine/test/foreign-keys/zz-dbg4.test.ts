import { it } from 'vitest';
import { workload } from './zz-wl.js';
it('dbg', () => { const s = workload(Number(process.env.SEED)); console.log(s.slice(2, 5).join('\n')); });
