import { defineConformance, loadHarness } from '../src/harness.js';

defineConformance(await loadHarness('drizzle', () => import('../src/orms/drizzle.js')));
