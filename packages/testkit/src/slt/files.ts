// Runs sqllogictest files: each file on a fresh in-memory database, as the reference runner does.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DriverFactory } from '../driver.js';
import { runSltScript, type SltOptions, type SltResult } from './run.js';

export interface SltFileResult extends SltResult {
  file: string;
  milliseconds: number;
}

/** Expands directories into the .test files below them, in a stable (sorted) order. */
export function collectFiles(paths: readonly string[], extension: string): string[] {
  const out: string[] = [];
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else if (path.endsWith(extension)) out.push(path);
  };
  for (const path of paths) visit(path);
  return out;
}

export function runSltFile(file: string, open: DriverFactory, options: SltOptions = {}): SltFileResult {
  const started = performance.now();
  const driver = open({ path: ':memory:' });
  try {
    const result = runSltScript(readFileSync(file, 'utf8'), driver, options);
    return { ...result, file, milliseconds: performance.now() - started };
  } finally {
    driver.close();
  }
}
