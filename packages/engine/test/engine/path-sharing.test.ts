// One file, one shared database: connections opened through different spellings of the same path
// (relative, absolute, through a symlinked folder) share one Pager instead of fighting over the lock.

import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import Database from '../../src/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('relative, absolute and symlinked paths to one file share one database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-paths-'));
  dirs.push(dir);
  symlinkSync(dir, `${dir}-link`);
  dirs.push(`${dir}-link`);
  const absolute = new Database(join(dir, 'shared.db'));
  const viaRelative = new Database(relative(process.cwd(), join(dir, 'shared.db')));
  const viaLink = new Database(join(`${dir}-link`, 'shared.db'));
  try {
    absolute.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    viaRelative.prepare('INSERT INTO t VALUES (2)').run();
    viaLink.prepare('INSERT INTO t VALUES (3)').run();
    expect(absolute.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2, 3]);
  } finally {
    viaLink.close();
    viaRelative.close();
    absolute.close();
  }
});
