import { defineConformance, loadHarness } from '../src/harness.js';

defineConformance(await loadHarness('knex', () => import('../src/orms/knex.js')));
