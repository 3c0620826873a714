// Locates the shared test corpora ($TANDEM_CORPORA, else ../shared/corpora beside the checkout) and
// lists the sample databases. Tests skip with a visible warning when the corpora are absent.

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// test/e2e/support -> packages/engine -> repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');

export function findCorpora(): string | null {
  const fromEnv = process.env.TANDEM_CORPORA;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : null;
  const beside = resolve(repoRoot, '..', 'shared', 'corpora');
  return existsSync(beside) ? beside : null;
}

/** Absolute paths of the corpus database files (dbs/*.db, *.sqlite), or [] after a warning. */
export function corpusDatabases(what: string): string[] {
  const corpora = findCorpora();
  const dir = corpora ? join(corpora, 'dbs') : null;
  if (!dir || !existsSync(dir)) {
    console.warn(`[tandem] skipping ${what}: corpora not found (set TANDEM_CORPORA or place them at ../shared/corpora)`);
    return [];
  }
  return readdirSync(dir)
    .filter((name) => /\.(db|sqlite|sqlite3)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
