import { defineConformance } from '../src/harness.js';
import harness from '../src/orms/knex.js';

defineConformance(harness);
