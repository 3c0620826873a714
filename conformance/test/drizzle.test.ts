import { defineConformance } from '../src/harness.js';
import harness from '../src/orms/drizzle.js';

defineConformance(harness);
