import { defineConformance } from '../src/harness.js';
import harness from '../src/orms/kysely.js';

defineConformance(harness);
