#!/usr/bin/env node
// tandem-prisma: Prisma's migrate deploy, migrate diff and db push on a Tandem database, offline.

import { runCommand, UsageError, USAGE } from './commands.js';
import { lastSchemaEnginePanic } from './schema-engine.js';

runCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error(error instanceof Error ? error.message : error);
    const panic = lastSchemaEnginePanic();
    if (panic) console.error(`schema engine panic: ${panic}`);
    process.exit(1);
  },
);
