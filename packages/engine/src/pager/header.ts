// The 100-byte database header at the start of page 1: parsing, validation, and the header of
// a new database. Offsets and rules follow SQLite's file format document, section 1.3.

import { notADatabaseError, SqliteError } from '../common/errors.js';

export const HEADER_SIZE = 100;
/** "SQLite format 3\0" */
export const HEADER_MAGIC = new Uint8Array([
  0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00,
]);
/** The SQLite version number Tandem writes at offset 96 (it speaks SQLite 3.53.2's format). */
export const SQLITE_VERSION_NUMBER = 3053002;
export const DEFAULT_PAGE_SIZE = 4096;

/** Header field offsets. */
export const Offset = {
  pageSize: 16,
  writeVersion: 18,
  readVersion: 19,
  reservedBytes: 20,
  maxPayloadFraction: 21,
  minPayloadFraction: 22,
  leafPayloadFraction: 23,
  changeCounter: 24,
  pageCount: 28,
  freelistTrunk: 32,
  freelistCount: 36,
  schemaCookie: 40,
  schemaFormat: 44,
  defaultCacheSize: 48,
  autoVacuumTopRoot: 52,
  textEncoding: 56,
  userVersion: 60,
  incrementalVacuum: 64,
  applicationId: 68,
  versionValidFor: 92,
  sqliteVersion: 96,
} as const;

export interface DatabaseHeader {
  pageSize: number;
  /** 1 = legacy rollback journal, 2 = WAL. */
  writeVersion: number;
  readVersion: number;
  reservedBytes: number;
  changeCounter: number;
  /** The in-header page count, or null when it is not valid (see versionValidFor). */
  pageCount: number | null;
  freelistTrunk: number;
  freelistCount: number;
  schemaCookie: number;
  schemaFormat: number;
  defaultCacheSize: number;
  autoVacuumTopRoot: number;
  textEncoding: number;
  userVersion: number;
  incrementalVacuum: number;
  applicationId: number;
  versionValidFor: number;
  sqliteVersion: number;
}

export function isValidPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

function u32(page: Uint8Array, offset: number): number {
  return ((page[offset]! << 24) | (page[offset + 1]! << 16) | (page[offset + 2]! << 8) | page[offset + 3]!) >>> 0;
}

export function readU32(page: Uint8Array, offset: number): number {
  return u32(page, offset);
}

export function writeU32(page: Uint8Array, offset: number, value: number): void {
  page[offset] = (value >>> 24) & 0xff;
  page[offset + 1] = (value >>> 16) & 0xff;
  page[offset + 2] = (value >>> 8) & 0xff;
  page[offset + 3] = value & 0xff;
}

/** The page size encoded at offset 16 (1 means 65536), or 0 when it is not a valid size. */
export function decodePageSize(page: Uint8Array): number {
  const raw = (page[Offset.pageSize]! << 8) | page[Offset.pageSize + 1]!;
  const size = raw === 1 ? 65536 : raw;
  return isValidPageSize(size) ? size : 0;
}

/**
 * Parses and validates the header. Throws SQLITE_NOTADB for anything that is not an SQLite 3
 * database header, and a clear error for the text encodings Tandem does not support.
 */
export function parseHeader(page: Uint8Array): DatabaseHeader {
  if (page.length < HEADER_SIZE) throw notADatabaseError();
  for (let i = 0; i < HEADER_MAGIC.length; i++) if (page[i] !== HEADER_MAGIC[i]) throw notADatabaseError();
  const pageSize = decodePageSize(page);
  const writeVersion = page[Offset.writeVersion]!;
  const readVersion = page[Offset.readVersion]!;
  const reservedBytes = page[Offset.reservedBytes]!;
  // SQLite refuses read versions above 2; the payload fractions are fixed at 64/32/32.
  if (pageSize === 0 || readVersion > 2 || readVersion < 1 || writeVersion < 1) throw notADatabaseError();
  if (page[21] !== 64 || page[22] !== 32 || page[23] !== 32) throw notADatabaseError();
  if (pageSize - reservedBytes < 480) throw notADatabaseError();
  const changeCounter = u32(page, Offset.changeCounter);
  const versionValidFor = u32(page, Offset.versionValidFor);
  const rawPageCount = u32(page, Offset.pageCount);
  // The in-header size is trusted only when it was written by a version that maintains it.
  const pageCount = rawPageCount !== 0 && versionValidFor === changeCounter ? rawPageCount : null;
  const textEncoding = u32(page, Offset.textEncoding);
  if (textEncoding === 2 || textEncoding === 3) {
    throw new SqliteError('not supported by Tandem yet: UTF-16 database text encoding', 'SQLITE_ERROR');
  }
  if (textEncoding !== 0 && textEncoding !== 1) throw notADatabaseError();
  return {
    pageSize,
    writeVersion,
    readVersion,
    reservedBytes,
    changeCounter,
    pageCount,
    freelistTrunk: u32(page, Offset.freelistTrunk),
    freelistCount: u32(page, Offset.freelistCount),
    schemaCookie: u32(page, Offset.schemaCookie),
    schemaFormat: u32(page, Offset.schemaFormat),
    defaultCacheSize: u32(page, Offset.defaultCacheSize) | 0,
    autoVacuumTopRoot: u32(page, Offset.autoVacuumTopRoot),
    textEncoding: textEncoding === 0 ? 1 : textEncoding,
    userVersion: u32(page, Offset.userVersion) | 0,
    incrementalVacuum: u32(page, Offset.incrementalVacuum),
    applicationId: u32(page, Offset.applicationId) | 0,
    versionValidFor,
    sqliteVersion: u32(page, Offset.sqliteVersion),
  };
}

/** Writes the header of a brand-new WAL-mode database into page 1 (the rest of the page is left alone). */
export function writeNewHeader(page1: Uint8Array, pageSize: number): void {
  if (!isValidPageSize(pageSize)) throw new SqliteError(`invalid page size ${pageSize}`, 'SQLITE_ERROR');
  page1.fill(0, 0, HEADER_SIZE);
  page1.set(HEADER_MAGIC, 0);
  page1[Offset.pageSize] = pageSize === 65536 ? 0 : pageSize >>> 8;
  page1[Offset.pageSize + 1] = pageSize === 65536 ? 1 : pageSize & 0xff;
  page1[Offset.writeVersion] = 2;
  page1[Offset.readVersion] = 2;
  page1[Offset.reservedBytes] = 0;
  page1[Offset.maxPayloadFraction] = 64;
  page1[Offset.minPayloadFraction] = 32;
  page1[Offset.leafPayloadFraction] = 32;
  writeU32(page1, Offset.pageCount, 1);
  writeU32(page1, Offset.schemaFormat, 4);
  writeU32(page1, Offset.textEncoding, 1);
  writeU32(page1, Offset.sqliteVersion, SQLITE_VERSION_NUMBER);
}

/**
 * The whole page 1 of an empty database as SQLite creates it: the new header (change counter 1,
 * page count 1) and an empty sqlite_schema table-leaf b-tree header at offset 100. The Pager
 * writes it to an empty database file before the first WAL commit, because SQLite deletes a WAL
 * whose database file is empty (so the file must never be empty while a WAL holds data).
 */
export function emptyDatabaseImage(pageSize: number): Uint8Array {
  const page = new Uint8Array(pageSize);
  writeNewHeader(page, pageSize);
  stampHeaderForCommit(page, 1);
  page[HEADER_SIZE] = 0x0d; // table leaf, no cells, no freeblocks
  const contentStart = pageSize === 65536 ? 0 : pageSize;
  page[HEADER_SIZE + 5] = contentStart >>> 8;
  page[HEADER_SIZE + 6] = contentStart & 0xff;
  return page;
}

/**
 * Whether page 1 already says what a commit stamp would (valid page count `pageCount`, WAL
 * versions). A commit that changes no other page-1 field may then leave page 1 alone, as SQLite
 * does in WAL mode (it bumps the change counter only in rollback-journal mode): one frame fewer.
 */
export function headerCurrentFor(page1: Uint8Array, pageCount: number): boolean {
  return (
    u32(page1, Offset.pageCount) === pageCount &&
    u32(page1, Offset.versionValidFor) === u32(page1, Offset.changeCounter) &&
    page1[Offset.writeVersion] === 2 &&
    page1[Offset.readVersion] === 2
  );
}

/**
 * Commit-time stamp: bumps the change counter and records the page count, marking it valid
 * (version-valid-for = change counter) and the writer's version; also switches a legacy
 * rollback-journal database to WAL (bytes 18/19 = 2).
 */
export function stampHeaderForCommit(page1: Uint8Array, pageCount: number): void {
  const counter = (u32(page1, Offset.changeCounter) + 1) >>> 0;
  writeU32(page1, Offset.changeCounter, counter);
  writeU32(page1, Offset.pageCount, pageCount);
  writeU32(page1, Offset.versionValidFor, counter);
  writeU32(page1, Offset.sqliteVersion, SQLITE_VERSION_NUMBER);
  page1[Offset.writeVersion] = 2;
  page1[Offset.readVersion] = 2;
}
