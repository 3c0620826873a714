// Scratch files for one benchmark run: a private temp folder, fresh copies of fixtures per engine.

import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Scratch {
  readonly dir: string;
  private counter = 0;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  }

  /** A path no file occupies yet, for a new database. */
  freshPath(stem: string): string {
    this.counter++;
    return join(this.dir, `${stem}-${this.counter}.db`);
  }

  /** Copies a fixture database so an engine can open (and perhaps change) it without affecting others. */
  copyOf(fixturePath: string, stem: string): string {
    const target = this.freshPath(stem);
    copyFileSync(fixturePath, target);
    return target;
  }

  /** Deletes a database file and its WAL/SHM/journal companions. */
  remove(path: string): void {
    for (const suffix of ['', '-wal', '-shm', '-journal', '-log']) {
      const file = path + suffix;
      if (existsSync(file)) rmSync(file, { force: true });
    }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
