// Our integrity checker against SQLite's: both say ok on good files; on damaged copies (byte
// flips, cyclic overflow and freelist chains, out-of-range and cyclic child pointers) ours
// reports errors without throwing or looping, and cursors fail only with SQLITE_CORRUPT.

import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openIndexCursor, openTableCursor } from '../../src/btree/btree.js';
import { checkIntegrity, type TreeRoot } from '../../src/btree/integrity.js';
import { SqliteError } from '../../src/common/errors.js';
import { decodeRecord, encodeRecord } from '../../src/record/record.js';
import { newCellInfo, parseCell, geometryFor } from '../../src/btree/cell.js';
import { get16, get32, put32 } from '../../src/btree/page.js';
import { copyCorpusDbs } from './corpus.js';
import { sqliteWrittenDb } from './fixtures.js';
import { MemoryPages } from './memory-pages.js';
import { rng } from './helpers.js';

/** Tree roots from sqlite_schema, read with our own cursor. */
function rootsOf(pages: MemoryPages): TreeRoot[] {
  const roots: TreeRoot[] = [];
  const schema = openTableCursor(pages, 1);
  for (let ok = schema.first(); ok; ok = schema.next()) {
    const [type, name, , root] = decodeRecord(schema.payload());
    if ((type === 'table' || type === 'index') && typeof root === 'bigint' && root > 0n) {
      roots.push({ name: name as string, root: Number(root), isIndex: type === 'index' });
    }
  }
  return roots;
}

function sqliteIntegrity(pages: MemoryPages, path: string): string[] {
  writeFileSync(path, pages.toFile());
  const db = new Database(path, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (error) {
    return [String(error)];
  } finally {
    db.close();
  }
}

/** Scans every tree; any failure must be SQLITE_CORRUPT. */
function scanAll(pages: MemoryPages, roots: readonly TreeRoot[]): void {
  for (const tree of roots) {
    try {
      const cursor = tree.isIndex ? openIndexCursor(pages, tree.root) : openTableCursor(pages, tree.root);
      let steps = 0;
      for (let ok = cursor.first(); ok && steps < 1e6; ok = cursor.next(), steps++) {
        if (!tree.isIndex) cursor.rowid();
        decodeRecord(cursor.payload());
      }
    } catch (error) {
      expect(error).toBeInstanceOf(SqliteError);
      expect((error as SqliteError).code).toBe('SQLITE_CORRUPT');
    }
  }
}

/** Inserts and deletes on a damaged image: any failure must be SQLITE_CORRUPT, never a crash. */
function writeSome(pages: MemoryPages, roots: readonly TreeRoot[], random: () => number): void {
  for (const tree of roots) {
    try {
      const cursor = tree.isIndex ? openIndexCursor(pages, tree.root) : openTableCursor(pages, tree.root);
      for (let i = 0; i < 30; i++) {
        const id = BigInt(Math.floor(random() * 500));
        if (tree.isIndex) cursor.insertIndex(encodeRecord([`k${id}`.repeat(Number(id % 40n)), id]));
        else cursor.insert(id, encodeRecord([id, 'v'.repeat(Number(id) * 3)]));
        if (cursor.first()) cursor.delete();
      }
    } catch (error) {
      if (!(error instanceof SqliteError) || error.code !== 'SQLITE_CORRUPT') throw error;
    }
  }
}

/** First cell of a table leaf page that spills to at least two overflow pages. */
function findOverflowCell(pages: MemoryPages): { first: number } {
  const g = geometryFor(pages.usableSize);
  const info = newCellInfo();
  for (let pgno = 2; pgno <= pages.pageCount(); pgno++) {
    const page = pages.getPage(pgno);
    if (page[0] !== 0x0d) continue;
    for (let i = 0; i < get16(page, 3); i++) {
      parseCell(page, get16(page, 8 + 2 * i), 0x0d, g, info);
      if (info.overflow && info.payloadSize - info.localSize > pages.usableSize - 4) {
        return { first: info.overflow };
      }
    }
  }
  throw new Error('fixture has no overflow chain');
}

describe('integrity check', () => {
  it('says ok on every corpus database, as SQLite does', () => {
    for (const { name, path } of copyCorpusDbs()) {
      const pages = MemoryPages.load(path);
      expect(checkIntegrity(pages, rootsOf(pages)), name).toEqual([]);
    }
  });

  const fixture = sqliteWrittenDb();
  const good = MemoryPages.load(fixture);
  const roots = rootsOf(good);

  it('says ok on a file SQLite wrote with overflow pages and a freelist', () => {
    expect(Number(new DataView(good.getPage(1).buffer).getUint32(36))).toBeGreaterThan(0);
    expect(checkIntegrity(good, roots)).toEqual([]);
  });

  const damage: [string, (p: MemoryPages) => void, RegExp][] = [
    ['cyclic overflow chain', (p) => {
      const { first } = findOverflowCell(p);
      put32(p.getWritable(first), 0, first);
    }, /2nd reference/],
    ['cyclic freelist', (p) => {
      const trunk = get32(p.getPage(1), 32);
      put32(p.getWritable(trunk), 0, trunk);
      put32(p.getWritable(1), 36, get32(p.getPage(1), 36) + 1);
    }, /2nd reference|missing|size/],
    ['out-of-range child page', (p) => {
      const root = roots.find((r) => r.name === 't')!.root;
      put32(p.getWritable(root), 8, p.pageCount() + 50);
    }, /invalid page number/],
    ['child pointing back at the root', (p) => {
      const root = roots.find((r) => r.name === 't')!.root;
      put32(p.getWritable(root), 8, root);
    }, /2nd reference/],
    ['out-of-range overflow page', (p) => {
      const { first } = findOverflowCell(p);
      put32(p.getWritable(first), 0, 999999);
    }, /invalid page number/],
  ];
  for (const [what, corrupt, pattern] of damage) {
    it(`reports a ${what}, as SQLite does`, () => {
      const pages = MemoryPages.fromBytes(good.toFile());
      corrupt(pages);
      const ours = checkIntegrity(pages, roots);
      expect(ours.join('\n')).toMatch(pattern);
      expect(sqliteIntegrity(pages, fixture + `.${what.replace(/\W/g, '')}.db`)).not.toEqual(['ok']);
      scanAll(pages, roots);
    });
  }

  it('never throws or loops on random byte flips', () => {
    const random = rng(99);
    const image = good.toFile();
    let reported = 0;
    for (let trial = 0; trial < 300; trial++) {
      const bytes = image.slice();
      const flips = 1 + Math.floor(random() * 8);
      for (let f = 0; f < flips; f++) {
        const at = 100 + Math.floor(random() * (bytes.length - 100));
        bytes[at] = Math.floor(random() * 256);
      }
      const pages = MemoryPages.fromBytes(bytes);
      const result = checkIntegrity(pages, roots);
      expect(result.join('\n')).not.toMatch(/internal error/);
      if (result.length > 0) {
        reported++;
        // No false alarms: whatever we report, SQLite reports something too.
        expect(sqliteIntegrity(pages, `${fixture}.flip.db`), result.join('\n')).not.toEqual(['ok']);
      }
      scanAll(pages, roots);
      writeSome(pages, roots, random);
    }
    expect(reported).toBeGreaterThan(15);
  });
});
