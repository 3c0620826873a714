// Tandem's answers against better-sqlite3's on every workload, at tiny sizes, once the engine loads.
// Until then the suite is skipped (the bench reports Tandem as n/a).

import { afterAll, describe, expect, it } from 'vitest';
import { loadEngines } from '../src/engines/registry.js';
import { runAll } from '../src/runner.js';
import { allWorkloads } from '../src/workloads/index.js';
import { tinyContext } from './helpers.js';

const engines = await loadEngines(['better-sqlite3', 'tandem', 'tandem-async']);
const tandem = engines.filter((engine) => engine.id.startsWith('tandem') && 'adapter' in engine);

describe.runIf(tandem.length > 0)('Tandem agrees with better-sqlite3', () => {
  const context = tinyContext();
  afterAll(() => context.dispose());

  it('is never WRONG: every workload is either right or reported as unsupported/failed', async () => {
    const results = await runAll({ engines: [engines[0]!, ...tandem], workloads: allWorkloads, context });
    const wrong = results.flatMap((result) => result.cells.filter((cell) => cell.status === 'wrong').map((cell) => `${result.id}/${cell.engine}: ${cell.message}`));
    expect(wrong).toEqual([]);
  });
});
