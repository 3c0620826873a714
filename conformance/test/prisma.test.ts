import { defineConformance, loadHarness } from '../src/harness.js';

defineConformance(await loadHarness('prisma', () => import('../src/orms/prisma.js')));
