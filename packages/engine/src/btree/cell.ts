// Cell formats and payload geometry: how much of a payload stays on the page (maxLocal/minLocal
// exactly as SQLite computes them) and how a cell's bytes are laid out on each page type.
//
//   leaf table:     varint payloadSize, varint rowid, local payload, [4-byte first overflow page]
//   interior table: 4-byte left child, varint rowid
//   leaf index:     varint payloadSize, local payload, [4-byte first overflow page]
//   interior index: 4-byte left child, then as a leaf index cell

import { corruptError } from '../common/errors.js';
import { getVarint, getVarintBig, putVarint, putVarintBig, varintLength, varintLengthBig, type VarintOut } from '../record/varint.js';
import { get32, isLeafType, isTableType } from './page.js';

/** Payload limits of one database (they depend on the usable page size only). */
export interface Geometry {
  readonly usableSize: number;
  /** Largest payload kept wholly on a table leaf page. */
  readonly maxLocalTable: number;
  /** Largest payload kept wholly on an index page (leaf or interior). */
  readonly maxLocalIndex: number;
  /** Smallest local part of a spilled payload (both kinds). */
  readonly minLocal: number;
}

const geometries = new Map<number, Geometry>();

export function geometryFor(usableSize: number): Geometry {
  let g = geometries.get(usableSize);
  if (!g) {
    g = {
      usableSize,
      maxLocalTable: usableSize - 35,
      maxLocalIndex: Math.floor(((usableSize - 12) * 64) / 255) - 23,
      minLocal: Math.floor(((usableSize - 12) * 32) / 255) - 23,
    };
    geometries.set(usableSize, g);
  }
  return g;
}

/** Bytes of a `payloadSize`-byte payload stored on the page (the rest spills to overflow pages). */
export function localPayloadSize(payloadSize: number, tableLeaf: boolean, g: Geometry): number {
  const maxLocal = tableLeaf ? g.maxLocalTable : g.maxLocalIndex;
  if (payloadSize <= maxLocal) return payloadSize;
  const surplus = g.minLocal + ((payloadSize - g.minLocal) % (g.usableSize - 4));
  return surplus <= maxLocal ? surplus : g.minLocal;
}

/** Facts about one cell, filled in by parseCell (reused object: no allocation per cell). */
export interface CellInfo {
  /** Offset of the cell in its page. */
  offset: number;
  /** Total bytes the cell occupies on the page (at least 4). */
  size: number;
  /** Left child (interior cells), else 0. */
  child: number;
  /** Bytes of payload (0 for interior table cells, which carry only a rowid). */
  payloadSize: number;
  /** Offset of the payload's first byte in the page. */
  payloadOffset: number;
  /** Bytes of payload on the page. */
  localSize: number;
  /** First overflow page, 0 when the payload is all local. */
  overflow: number;
}

export function newCellInfo(): CellInfo {
  return { offset: 0, size: 0, child: 0, payloadSize: 0, payloadOffset: 0, localSize: 0, overflow: 0 };
}

const varOut: VarintOut = { value: 0, length: 0 };

/**
 * Parses the cell at `offset` of a page of `type`. Throws SQLITE_CORRUPT when the cell runs past
 * the usable area. For table cells the rowid is read separately with cellRowid (bigint).
 */
export function parseCell(page: Uint8Array, offset: number, type: number, g: Geometry, info: CellInfo): void {
  info.offset = offset;
  let p = offset;
  const leaf = isLeafType(type);
  if (!leaf) {
    info.child = get32(page, p);
    p += 4;
  } else {
    info.child = 0;
  }
  if (isTableType(type) && !leaf) {
    getVarint(page, p, varOut);
    info.payloadSize = 0;
    info.payloadOffset = p + varOut.length;
    info.localSize = 0;
    info.overflow = 0;
    info.size = 4 + varOut.length;
    if (offset + info.size > g.usableSize) throw corruptError('cell extends past page end');
    return;
  }
  getVarint(page, p, varOut);
  const payloadSize = varOut.value;
  p += varOut.length;
  if (isTableType(type)) {
    getVarint(page, p, varOut); // rowid: skipped here
    p += varOut.length;
  }
  const local = localPayloadSize(payloadSize, leaf && isTableType(type), g);
  info.payloadSize = payloadSize;
  info.payloadOffset = p;
  info.localSize = local;
  let end = p + local;
  if (local < payloadSize) {
    if (end + 4 > g.usableSize) throw corruptError('cell extends past page end');
    info.overflow = get32(page, end);
    end += 4;
  } else {
    info.overflow = 0;
  }
  info.size = Math.max(4, end - offset);
  if (offset + info.size > g.usableSize) throw corruptError('cell extends past page end');
}

/** The integer key of a table cell (leaf or interior) at `offset`. */
export function cellRowid(page: Uint8Array, offset: number, type: number): bigint {
  let p = offset;
  if (!isLeafType(type)) p += 4;
  else {
    getVarint(page, p, varOut);
    p += varOut.length;
  }
  return getVarintBig(page, p)[0];
}

/**
 * Number-valued rowid of a table cell when it is a safe integer, else NaN (fast compare path:
 * varints decoded inline, no bigint).
 */
export function cellRowidNumber(page: Uint8Array, offset: number, type: number): number {
  let p = offset;
  if ((type & 0x08) === 0) p += 4;
  else {
    // Skip the payload-size varint (at most 9 bytes).
    let guard = 0;
    while (page[p++]! >= 0x80 && ++guard < 9);
  }
  let b = page[p]!;
  if (b < 0x80) return b;
  let value = b & 0x7f;
  // Up to 7 bytes (49 bits) stay exact and non-negative; 8+ byte varints may be negative or
  // beyond 2^53: the caller takes the bigint path.
  for (let i = 1; i < 7; i++) {
    b = page[p + i]!;
    value = value * 128 + (b & 0x7f);
    if (b < 0x80) return value;
  }
  return NaN;
}

/** Cells shorter than 4 bytes are padded to 4, as SQLite does. */
function padCell(size: number): number {
  return size < 4 ? 4 : size;
}

/** Bytes of a leaf table cell (padded to 4) for a payload of which `local` bytes stay on the page. */
export function tableLeafCellSize(rowid: bigint, payloadLength: number, local: number, n = Number(rowid)): number {
  // n (Number(rowid), or NaN) is exact when in [0, 2^53): rounding keeps larger rowids above that range.
  const rowidLength = n >= 0 && n <= Number.MAX_SAFE_INTEGER ? varintLength(n) : varintLengthBig(rowid);
  return padCell(varintLength(payloadLength) + rowidLength + local + (local < payloadLength ? 4 : 0));
}

/**
 * Writes a leaf table cell of tableLeafCellSize bytes at buf[offset] (straight onto a page on
 * the in-place insert path); `overflow` is the first overflow page when the payload spills.
 */
export function writeTableLeafCell(buf: Uint8Array, offset: number, rowid: bigint, payload: Uint8Array, local: number, overflow: number, n = Number(rowid)): void {
  // Rowids in [0, 2^53) (nearly all of them) take the number varint path, others the bigint one
  // (tested on n, Number(rowid) or NaN: rounding keeps every larger rowid above 2^53 - 1, so the
  // test is exact).
  let p = offset + putVarint(buf, offset, payload.length);
  p += n >= 0 && n <= Number.MAX_SAFE_INTEGER ? putVarint(buf, p, n) : putVarintBig(buf, p, rowid);
  buf.set(local < payload.length ? payload.subarray(0, local) : payload, p);
  p += local;
  if (local < payload.length) {
    writeU32(buf, p, overflow);
    p += 4;
  }
  while (p < offset + 4) buf[p++] = 0; // padding of a tiny cell
}

/** Builds a leaf table cell; `overflow` is the first overflow page when the payload spills. */
export function buildTableLeafCell(rowid: bigint, payload: Uint8Array, local: number, overflow: number): Uint8Array {
  const cell = new Uint8Array(tableLeafCellSize(rowid, payload.length, local));
  writeTableLeafCell(cell, 0, rowid, payload, local, overflow);
  return cell;
}

/** Builds a leaf index cell (an interior index cell is this with a 4-byte child in front). */
export function buildIndexLeafCell(payload: Uint8Array, local: number, overflow: number): Uint8Array {
  const head = varintLength(payload.length);
  const size = head + local + (local < payload.length ? 4 : 0);
  const cell = new Uint8Array(padCell(size));
  let p = putVarint(cell, 0, payload.length);
  cell.set(local < payload.length ? payload.subarray(0, local) : payload, p);
  p += local;
  if (local < payload.length) writeU32(cell, p, overflow);
  return cell;
}

export function buildTableInteriorCell(child: number, rowid: bigint): Uint8Array {
  const cell = new Uint8Array(4 + varintLengthBig(rowid));
  writeU32(cell, 0, child);
  putVarintBig(cell, 4, rowid);
  return cell;
}

/** An interior cell made from a leaf-format index cell and a left child. */
export function withChild(child: number, leafCell: Uint8Array, g: Geometry): Uint8Array {
  const length = indexLeafCellLength(leafCell, g);
  const cell = new Uint8Array(4 + length);
  writeU32(cell, 0, child);
  cell.set(leafCell.subarray(0, length), 4);
  return cell;
}

export function writeU32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = (v >>> 24) & 0xff;
  buf[off + 1] = (v >>> 16) & 0xff;
  buf[off + 2] = (v >>> 8) & 0xff;
  buf[off + 3] = v & 0xff;
}

/** Bytes a leaf-format index cell really uses, without the padding to 4 (for re-parenting it). */
export function indexLeafCellLength(leafCell: Uint8Array, g: Geometry): number {
  getVarint(leafCell, 0, varOut);
  const local = localPayloadSize(varOut.value, false, g);
  return varOut.length + local + (local < varOut.value ? 4 : 0);
}
