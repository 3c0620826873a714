// Generates the Prisma client of prisma/schema.prisma into .generated/prisma (gitignored), offline:
// the vitest globalSetup runs it, and so does `npm run typecheck`. `prisma generate` never runs the
// schema engine, but Prisma 7's CLI downloads its native binary first unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export function generatePrismaClient() {
  const schema = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generatePrismaClient();
