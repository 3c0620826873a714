// The memory VFS: positional reads/writes, zero-filled gaps, truncation, shared handles, lock.

import { describe, expect, it } from 'vitest';
import { memoryVfs } from '../../src/os/memory-vfs.js';

describe('memory VFS', () => {
  it('reads back positional writes, zero-filling gaps, with short reads at end of file', () => {
    const vfs = memoryVfs();
    const file = vfs.open('a', { create: true, readonly: false });
    file.write(new Uint8Array([1, 2, 3]), 10);
    expect(file.size()).toBe(13);
    const buffer = new Uint8Array(16).fill(9);
    expect(file.read(buffer, 8)).toBe(5);
    expect([...buffer.subarray(0, 5)]).toEqual([0, 0, 1, 2, 3]);
    file.truncate(11);
    expect(file.read(buffer, 0)).toBe(11);
    file.truncate(20);
    expect(file.read(buffer, 8)).toBe(12);
    expect([...buffer.subarray(0, 12)]).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('shares content between handles and honours create/readonly/delete', () => {
    const vfs = memoryVfs();
    expect(() => vfs.open('x', { create: false, readonly: false })).toThrow(expect.objectContaining({ code: 'SQLITE_CANTOPEN' }));
    const writer = vfs.open('x', { create: true, readonly: false });
    writer.write(new Uint8Array([7]), 0);
    const reader = vfs.open('x', { create: false, readonly: true });
    const one = new Uint8Array(1);
    reader.read(one, 0);
    expect(one[0]).toBe(7);
    expect(() => reader.write(one, 0)).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
    vfs.delete('x');
    expect(vfs.exists('x')).toBe(false);
  });

  it('lets one holder take the process lock per path until released', () => {
    const vfs = memoryVfs();
    const first = vfs.acquireProcessLock('db');
    expect('release' in first).toBe(true);
    expect('holder' in vfs.acquireProcessLock('db')).toBe(true);
    expect('release' in vfs.acquireProcessLock('other')).toBe(true);
    if ('release' in first) first.release();
    expect('release' in vfs.acquireProcessLock('db')).toBe(true);
  });
});
