// Finds the shared test corpora: $TANDEM_CORPORA, else ../shared/corpora beside the checkout.
// Tests that need them skip with a visible message when they are absent (a user's clone may lack them).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Absolute path of the corpora folder, or null when it is not available. */
export function findCorpora(): string | null {
  const fromEnv = process.env.TANDEM_CORPORA;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : null;
  const beside = resolve(repoRoot(), '..', 'shared', 'corpora');
  return existsSync(beside) ? beside : null;
}

/** The corpora path, or null after printing why corpus tests are skipped. */
export function corporaOrSkipNotice(what: string): string | null {
  const path = findCorpora();
  if (!path) console.warn(`[tandem] skipping ${what}: corpora not found (set TANDEM_CORPORA or place them at ../shared/corpora)`);
  return path;
}
