// The WAL file format: headers, frame headers and checksums decoded from WAL files written by
// SQLite itself (better-sqlite3), and our encoder producing byte-identical frame checksums.

import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  decodeWalHeader,
  encodeFrameHeader,
  encodeWalHeader,
  frameSize,
  WAL_HEADER_SIZE,
  type Checksum,
} from '../../src/pager/wal-format.js';
import { tempDir } from './helpers.js';

/** Writes `transactions` commits in WAL mode without checkpointing; returns the -wal bytes. */
function sqliteWal(pageSize: number, transactions: number): Uint8Array {
  const file = path.join(tempDir('walfmt'), 'w.db');
  const db = new Database(file);
  db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t(x)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (let i = 1; i < transactions; i++) insert.run('v'.repeat(i * 37));
  const wal = new Uint8Array(fs.readFileSync(`${file}-wal`));
  db.close();
  return wal;
}

describe('WAL format', () => {
  for (const pageSize of [1024, 4096]) {
    it(`validates every frame of a WAL written by SQLite (page size ${pageSize})`, () => {
      const wal = sqliteWal(pageSize, 12);
      const header = decodeWalHeader(wal.subarray(0, WAL_HEADER_SIZE));
      expect(header).not.toBeNull();
      expect(header!.pageSize).toBe(pageSize);
      const size = frameSize(pageSize);
      let checksum: Checksum = header!.checksum;
      let commits = 0;
      let frames = 0;
      for (let offset = WAL_HEADER_SIZE; offset + size <= wal.length; offset += size) {
        const frame = decodeFrame(wal.subarray(offset, offset + size), header!, checksum);
        expect(frame, `frame ${frames + 1}`).not.toBeNull();
        checksum = frame!.checksum;
        frames++;
        if (frame!.commitSize > 0) commits++;
        // Re-encoding the same frame must reproduce SQLite's bytes exactly.
        const copy = wal.slice(offset, offset + size);
        copy.fill(0, 0, 24);
        const previous: Checksum = frames === 1 ? header!.checksum : prevChecksum(wal, offset - size);
        encodeFrameHeader(copy, header!, frame!.pgno, frame!.commitSize, previous);
        expect(copy.subarray(0, 24)).toEqual(wal.subarray(offset, offset + 24));
      }
      expect(commits).toBe(12);
      expect(frames).toBeGreaterThanOrEqual(12);
    });
  }

  it('re-encodes SQLite WAL headers byte for byte and rejects a damaged one', () => {
    const wal = sqliteWal(4096, 2);
    const header = decodeWalHeader(wal.subarray(0, WAL_HEADER_SIZE))!;
    const { bytes } = encodeWalHeader(header);
    expect(bytes).toEqual(wal.subarray(0, WAL_HEADER_SIZE));
    const damaged = wal.slice(0, WAL_HEADER_SIZE);
    damaged[13] ^= 0x40;
    expect(decodeWalHeader(damaged)).toBeNull();
  });

  it('rejects a frame with a flipped data bit or wrong salt', () => {
    const wal = sqliteWal(1024, 2);
    const header = decodeWalHeader(wal.subarray(0, WAL_HEADER_SIZE))!;
    const frame = wal.slice(WAL_HEADER_SIZE, WAL_HEADER_SIZE + frameSize(1024));
    expect(decodeFrame(frame, header, header.checksum)).not.toBeNull();
    frame[500] ^= 1;
    expect(decodeFrame(frame, header, header.checksum)).toBeNull();
    frame[500] ^= 1;
    expect(decodeFrame(frame, { ...header, salt2: header.salt2 ^ 1 }, header.checksum)).toBeNull();
  });
});

function prevChecksum(wal: Uint8Array, frameOffset: number): Checksum {
  const view = new DataView(wal.buffer, wal.byteOffset + frameOffset);
  return [view.getUint32(16), view.getUint32(20)];
}
