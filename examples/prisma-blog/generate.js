// `npm run generate`: builds the Prisma client into ./generated, offline. Prisma 7's CLI downloads
// its native schema engine before any command unless PRISMA_SCHEMA_ENGINE_BINARY names an existing
// file; `generate` never runs it, so any file will do (this one: node itself).

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export function generate() {
  const schema = fileURLToPath(new URL('./prisma/schema.prisma', import.meta.url));
  const prisma = createRequire(import.meta.url).resolve('prisma/build/index.js');
  execFileSync(process.execPath, [prisma, 'generate', '--schema', schema], {
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
    stdio: 'pipe',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generate();
