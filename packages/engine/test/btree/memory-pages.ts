// Test helpers: an in-memory PageSink (an array of pages), loading/saving SQLite files, and a
// minimal database header so better-sqlite3 can open what the b-tree wrote.

import { readFileSync, writeFileSync } from 'node:fs';
import type { PageSink } from '../../src/pager/types.js';
import { corruptError } from '../../src/common/errors.js';

export class MemoryPages implements PageSink {
  readonly pages: Uint8Array[] = [];
  readonly usableSize: number;

  constructor(readonly pageSize: number, reserved = 0) {
    this.usableSize = pageSize - reserved;
  }

  pageCount(): number {
    return this.pages.length;
  }

  getPage(pgno: number): Uint8Array {
    if (pgno < 1 || pgno > this.pages.length) throw corruptError(`page ${pgno} out of range`);
    return this.pages[pgno - 1]!;
  }

  getWritable(pgno: number): Uint8Array {
    return this.getPage(pgno);
  }

  appendPage(): number {
    this.pages.push(new Uint8Array(this.pageSize));
    return this.pages.length;
  }

  setPageCount(pageCount: number): void {
    while (this.pages.length > pageCount) this.pages.pop();
    while (this.pages.length < pageCount) this.appendPage();
  }

  savepoint(): number {
    throw new Error('not needed');
  }

  rollbackTo(): void {
    throw new Error('not needed');
  }

  release(): void {
    throw new Error('not needed');
  }

  /** The whole image as one file, with header fields 24/28/92 made consistent for SQLite. */
  toFile(): Uint8Array {
    const out = new Uint8Array(this.pages.length * this.pageSize);
    this.pages.forEach((p, i) => out.set(p, i * this.pageSize));
    const view = new DataView(out.buffer);
    const counter = view.getUint32(24) + 1;
    view.setUint32(24, counter);
    view.setUint32(92, counter);
    view.setUint32(28, this.pages.length);
    return out;
  }

  save(path: string): void {
    writeFileSync(path, this.toFile());
  }

  static fromBytes(bytes: Uint8Array): MemoryPages {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const raw = view.getUint16(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const memory = new MemoryPages(pageSize, bytes[20]!);
    for (let off = 0; off + pageSize <= bytes.length; off += pageSize) memory.pages.push(bytes.slice(off, off + pageSize));
    return memory;
  }

  static load(path: string): MemoryPages {
    return MemoryPages.fromBytes(new Uint8Array(readFileSync(path)));
  }
}

/** A fresh database image: page 1 with SQLite's header (UTF-8, schema format 4), nothing else. */
export function newDatabase(pageSize: number, reserved = 0): MemoryPages {
  const memory = new MemoryPages(pageSize, reserved);
  memory.appendPage();
  const page = memory.getWritable(1);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  page.set(new TextEncoder().encode('SQLite format 3\0'), 0);
  view.setUint16(16, pageSize === 65536 ? 1 : pageSize);
  page[18] = 1; // legacy (rollback) journal: no -wal needed to open the file
  page[19] = 1;
  page[20] = reserved;
  page[21] = 64;
  page[22] = 32;
  page[23] = 32;
  view.setUint32(40, 1); // schema cookie
  view.setUint32(44, 4); // schema format
  view.setUint32(56, 1); // UTF-8
  view.setUint32(96, 3053002);
  return memory;
}

/** Bumps the schema cookie (offset 40) so a reader reloads sqlite_schema. */
export function bumpSchemaCookie(memory: MemoryPages): void {
  const page = memory.getWritable(1);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  view.setUint32(40, view.getUint32(40) + 1);
}
