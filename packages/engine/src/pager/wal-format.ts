// SQLite's WAL file format: the 32-byte file header, the 24-byte frame header and the checksum.
// All header integers are big-endian; the checksum reads the data as 32-bit words in the byte
// order chosen by the magic number (0x377f0682 little-endian, 0x377f0683 big-endian).

import { isValidPageSize, readU32, writeU32 } from './header.js';

export const WAL_HEADER_SIZE = 32;
export const WAL_FRAME_HEADER_SIZE = 24;
export const WAL_MAGIC_LE = 0x377f0682;
export const WAL_MAGIC_BE = 0x377f0683;
export const WAL_FORMAT_VERSION = 3007000;

export type Checksum = readonly [number, number];

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export interface WalHeader {
  /** true when checksums read words big-endian (magic 0x377f0683). */
  bigEndianChecksum: boolean;
  pageSize: number;
  checkpointSequence: number;
  salt1: number;
  salt2: number;
  /** Checksum of the first 24 header bytes: the seed of frame 1's cumulative checksum. */
  checksum: Checksum;
}

export interface FrameHeader {
  pgno: number;
  /** Database size in pages after this commit frame; 0 for a non-commit frame. */
  commitSize: number;
  salt1: number;
  salt2: number;
  checksum: Checksum;
}

/**
 * SQLite's WAL checksum over `data` (length a multiple of 8), continuing from `seed`:
 * for each pair of words x0, x1: s0 += x0 + s1; s1 += x1 + s0 (mod 2^32).
 */
export function walChecksum(data: Uint8Array, bigEndian: boolean, seed: Checksum = [0, 0]): Checksum {
  // The sums run in int32 (`| 0`, the same bits mod 2^32): kept unsigned (`>>> 0`), they leave
  // the small-integer range and the loop, run over every page of every commit, took 2-3x longer.
  let s0 = seed[0] | 0;
  let s1 = seed[1] | 0;
  if (bigEndian !== HOST_LITTLE_ENDIAN && data.byteOffset % 4 === 0) {
    // Fast path: the words are in host byte order and aligned, so read them directly.
    const words = new Int32Array(data.buffer, data.byteOffset, data.length >>> 2);
    const n = words.length;
    for (let i = 0; i + 1 < n; i += 2) {
      s0 = (s0 + words[i]! + s1) | 0;
      s1 = (s1 + words[i + 1]! + s0) | 0;
    }
    return [s0 >>> 0, s1 >>> 0];
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const littleEndian = !bigEndian;
  for (let i = 0; i + 8 <= data.length; i += 8) {
    s0 = (s0 + view.getInt32(i, littleEndian) + s1) | 0;
    s1 = (s1 + view.getInt32(i + 4, littleEndian) + s0) | 0;
  }
  return [s0 >>> 0, s1 >>> 0];
}

export function frameSize(pageSize: number): number {
  return WAL_FRAME_HEADER_SIZE + pageSize;
}

/** File offset of frame `frame` (1-based). */
export function frameOffset(frame: number, pageSize: number): number {
  return WAL_HEADER_SIZE + (frame - 1) * frameSize(pageSize);
}

/** Encodes a WAL header; the checksum is computed here. */
export function encodeWalHeader(header: Omit<WalHeader, 'checksum'>): { bytes: Uint8Array; header: WalHeader } {
  const bytes = new Uint8Array(WAL_HEADER_SIZE);
  writeU32(bytes, 0, header.bigEndianChecksum ? WAL_MAGIC_BE : WAL_MAGIC_LE);
  writeU32(bytes, 4, WAL_FORMAT_VERSION);
  writeU32(bytes, 8, header.pageSize);
  writeU32(bytes, 12, header.checkpointSequence);
  writeU32(bytes, 16, header.salt1);
  writeU32(bytes, 20, header.salt2);
  const checksum = walChecksum(bytes.subarray(0, 24), header.bigEndianChecksum);
  writeU32(bytes, 24, checksum[0]);
  writeU32(bytes, 28, checksum[1]);
  return { bytes, header: { ...header, checksum } };
}

/** Decodes and validates a WAL header; null when it is not a valid one (the WAL is then ignored). */
export function decodeWalHeader(bytes: Uint8Array): WalHeader | null {
  if (bytes.length < WAL_HEADER_SIZE) return null;
  const magic = readU32(bytes, 0);
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return null;
  if (readU32(bytes, 4) !== WAL_FORMAT_VERSION) return null;
  const pageSize = readU32(bytes, 8);
  if (!isValidPageSize(pageSize)) return null;
  const bigEndianChecksum = magic === WAL_MAGIC_BE;
  const checksum = walChecksum(bytes.subarray(0, 24), bigEndianChecksum);
  if (checksum[0] !== readU32(bytes, 24) || checksum[1] !== readU32(bytes, 28)) return null;
  return {
    bigEndianChecksum,
    pageSize,
    checkpointSequence: readU32(bytes, 12),
    salt1: readU32(bytes, 16),
    salt2: readU32(bytes, 20),
    checksum,
  };
}

/**
 * Fills `frame` (24 + pageSize bytes, page data already at offset 24) with its header, chaining
 * the checksum from `previous`. Returns the frame's cumulative checksum.
 */
export function encodeFrameHeader(
  frame: Uint8Array,
  wal: WalHeader,
  pgno: number,
  commitSize: number,
  previous: Checksum,
): Checksum {
  writeU32(frame, 0, pgno);
  writeU32(frame, 4, commitSize);
  writeU32(frame, 8, wal.salt1);
  writeU32(frame, 12, wal.salt2);
  let checksum = walChecksum(frame.subarray(0, 8), wal.bigEndianChecksum, previous);
  checksum = walChecksum(frame.subarray(WAL_FRAME_HEADER_SIZE), wal.bigEndianChecksum, checksum);
  writeU32(frame, 16, checksum[0]);
  writeU32(frame, 20, checksum[1]);
  return checksum;
}

/**
 * Validates one frame (header + page) against the WAL header and the previous cumulative
 * checksum. Returns its header, or null when the salts or the checksum do not match.
 */
export function decodeFrame(frame: Uint8Array, wal: WalHeader, previous: Checksum): FrameHeader | null {
  const pgno = readU32(frame, 0);
  const salt1 = readU32(frame, 8);
  const salt2 = readU32(frame, 12);
  if (pgno === 0 || salt1 !== wal.salt1 || salt2 !== wal.salt2) return null;
  let checksum = walChecksum(frame.subarray(0, 8), wal.bigEndianChecksum, previous);
  checksum = walChecksum(frame.subarray(WAL_FRAME_HEADER_SIZE), wal.bigEndianChecksum, checksum);
  if (checksum[0] !== readU32(frame, 16) || checksum[1] !== readU32(frame, 20)) return null;
  return { pgno, commitSize: readU32(frame, 4), salt1, salt2, checksum };
}
