// Locating the shared corpus of real SQLite files (read-only; tests copy what they open).

import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function corpusDbDir(): string | null {
  const candidates = [
    process.env['TANDEM_CORPORA'] ? join(process.env['TANDEM_CORPORA'], 'dbs') : '',
    resolve(process.cwd(), '../../../shared/corpora/dbs'),
    resolve(process.cwd(), '../shared/corpora/dbs'),
  ];
  for (const dir of candidates) if (dir && existsSync(dir)) return dir;
  return null;
}

/** The corpus database files, each copied into a fresh temp dir. */
export function copyCorpusDbs(): { name: string; path: string }[] {
  const dir = corpusDbDir();
  if (!dir) {
    console.warn('corpus not found (set TANDEM_CORPORA): corpus tests skipped');
    return [];
  }
  const target = mkdtempSync(join(tmpdir(), 'tandem-corpus-'));
  return readdirSync(dir)
    .filter((f) => /\.(db|sqlite)$/.test(f))
    .map((f) => {
      const path = join(target, f);
      copyFileSync(join(dir, f), path);
      return { name: f, path };
    });
}
