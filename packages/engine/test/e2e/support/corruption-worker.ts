// Child-process side of the corruption tests (run with vite-node): opens each damaged file through
// Tandem's public API and reads everything, printing one JSON line before ("start") and after
// ("done") each case, so the parent can kill a hung child and name the case that hung.
// Env: TANDEM_CORRUPTION_CASES = JSON file of [{ id, path }]; TANDEM_CORRUPTION_ORACLE=1 runs the API
// layer over the SQLite-backed test connection instead of the engine (proves the harness itself);
// TANDEM_CORRUPTION_SIMULATE_HANG = a case id to spin on forever (tests the parent's time guard).

import { readFileSync } from 'node:fs';
import { useConnectionFactory } from '../../../src/api/connection-factory.js';
import Database from '../../../src/index.js';
import { openOracleConnection } from '../../api/support/oracle-connection.js';
import { readEverything } from './read-all.js';

const cases = JSON.parse(readFileSync(process.env.TANDEM_CORRUPTION_CASES!, 'utf8')) as { id: string; path: string }[];
if (process.env.TANDEM_CORRUPTION_ORACLE === '1') useConnectionFactory(openOracleConnection);

// Harness self-test only: pretend this case hangs, to prove the parent's time guard.
const simulatedHang = process.env.TANDEM_CORRUPTION_SIMULATE_HANG;

for (const { id, path } of cases) {
  process.stdout.write(JSON.stringify({ start: id }) + '\n');
  if (id === simulatedHang) for (;;);
  const outcome = readEverything(Database as never, path);
  process.stdout.write(JSON.stringify({ done: id, outcome }) + '\n');
}
