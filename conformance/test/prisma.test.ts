import { defineConformance } from '../src/harness.js';
import harness from '../src/orms/prisma.js';

defineConformance(harness);
