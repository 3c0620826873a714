// Child process entry for the memory workload: argv = engine id, database path, cache KiB; prints the
// Sample as one JSON line.

import { loadEngine } from '../engines/registry.js';
import { measureScanMemory } from './scan-memory.js';

const [engineId, path, cacheKiB] = process.argv.slice(2);
const engine = await loadEngine(engineId!);
(globalThis as { gc?: () => void }).gc?.();
const sample = await measureScanMemory(engine, path!, Number(cacheKiB));
process.stdout.write(`${JSON.stringify(sample)}\n`);
