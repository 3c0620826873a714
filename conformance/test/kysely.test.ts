import { defineConformance, loadHarness } from '../src/harness.js';

defineConformance(await loadHarness('kysely', () => import('../src/orms/kysely.js')));
