// The Node VFS: positional synchronous I/O on real files, and the one-process-per-database lock
// file (held by a live child process, taken over once that process is killed).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeVfs } from '../../src/os/node-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import { bundleChild } from '../pager/fixtures/bundle.js';
import { tempDir } from '../pager/helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('node VFS', () => {
  it('does positional reads and writes, truncate, size and sync on real files', () => {
    const dir = tempDir('vfs');
    const vfs = nodeVfs();
    const file = vfs.open(path.join(dir, 'f'), { create: true, readonly: false });
    file.write(new Uint8Array([1, 2, 3]), 4096);
    expect(file.size()).toBe(4099);
    const buffer = new Uint8Array(8).fill(9);
    expect(file.read(buffer, 4094)).toBe(5);
    expect([...buffer.subarray(0, 5)]).toEqual([0, 0, 1, 2, 3]);
    file.sync();
    file.truncate(4097);
    expect(file.size()).toBe(4097);
    file.close();
    expect(vfs.exists(path.join(dir, 'f'))).toBe(true);
    vfs.delete(path.join(dir, 'f'));
    expect(vfs.exists(path.join(dir, 'f'))).toBe(false);
    expect(() => vfs.open(path.join(dir, 'missing'), { create: false, readonly: false })).toThrow(
      expect.objectContaining({ code: 'SQLITE_CANTOPEN' }),
    );
  });

  it('a database in a missing directory cannot be opened: SQLITE_CANTOPEN, as SQLite says', () => {
    const dir = tempDir('missing-dir');
    expect(() => nodeVfs().acquireProcessLock(path.join(dir, 'no-such-dir', 'x.db'))).toThrow(
      expect.objectContaining({ code: 'SQLITE_CANTOPEN', message: 'unable to open database file' }),
    );
  });

  it('takes the lock once per path, reports the holder, and removes it on release', () => {
    const dir = tempDir('lock');
    const db = path.join(dir, 'db');
    const vfs = nodeVfs();
    const lock = vfs.acquireProcessLock(db);
    expect('release' in lock).toBe(true);
    const info = JSON.parse(fs.readFileSync(`${db}-lock`, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(vfs.acquireProcessLock(db)).toEqual({ holder: expect.objectContaining({ pid: process.pid }) });
    if ('release' in lock) lock.release();
    expect(fs.existsSync(`${db}-lock`)).toBe(false);
  });

  it('takes over a lock carrying our own pid left by an earlier process (pid reuse)', () => {
    const dir = tempDir('reuse');
    const db = path.join(dir, 'db');
    const earlier = { pid: process.pid, hostname: os.hostname(), since: 'an earlier life', startTicks: '1' };
    fs.writeFileSync(`${db}-lock`, JSON.stringify(earlier));
    const lock = nodeVfs().acquireProcessLock(db);
    expect('release' in lock).toBe(true);
    expect(JSON.parse(fs.readFileSync(`${db}-lock`, 'utf8')).since).not.toBe('an earlier life');
    if ('release' in lock) lock.release();
  });

  it.skipIf(!fs.existsSync('/proc/self/stat'))('respects a lock held by another thread of this process (same pid, same start time)', () => {
    const dir = tempDir('thread');
    const db = path.join(dir, 'db');
    // What a worker thread of this process writes: module state (held locks) is per thread.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    fs.writeFileSync(`${db}-lock`, JSON.stringify({ pid: process.pid, hostname: os.hostname(), since: 'now', startTicks }));
    expect(nodeVfs().acquireProcessLock(db)).toEqual({ holder: expect.objectContaining({ pid: process.pid }) });
    expect(JSON.parse(fs.readFileSync(`${db}-lock`, 'utf8')).since).toBe('now');
  });

  it('takes over a lock left by a dead process', () => {
    const dir = tempDir('stale');
    const db = path.join(dir, 'db');
    // A pid far above any pid_max in use: no such process.
    fs.writeFileSync(`${db}-lock`, JSON.stringify({ pid: 2 ** 30, hostname: os.hostname(), since: 'then' }));
    const lock = nodeVfs().acquireProcessLock(db);
    expect('release' in lock).toBe(true);
    expect(JSON.parse(fs.readFileSync(`${db}-lock`, 'utf8')).pid).toBe(process.pid);
  });

  it('fails to open a database held by a live child process, and takes it over after kill -9', async () => {
    const dir = tempDir('child-lock');
    const db = path.join(dir, 'db');
    const script = bundleChild(path.join(here, '../pager/fixtures/pager-child.ts'), dir);
    const child = spawn(process.execPath, [script, 'lock', db], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    let failure: unknown;
    try {
      Pager.open(nodeVfs(), db);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: 'SQLITE_BUSY', holder: { pid: child.pid, hostname: os.hostname() } });
    expect((failure as Error).message).toMatch(new RegExp(`^database is locked: held by process ${child.pid} on ${os.hostname()} since `));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const pager = Pager.open(nodeVfs(), db);
    expect(JSON.parse(fs.readFileSync(`${db}-lock`, 'utf8')).pid).toBe(process.pid);
    pager.close();
    expect(fs.existsSync(`${db}-lock`)).toBe(false);
  });
});
