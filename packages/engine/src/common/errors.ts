// The one error type of the engine: SqliteError, carrying SQLite's (extended) result code name
// and SQLite's message text, so ORM error mapping written for better-sqlite3 works unchanged.

/** SQLite result codes, primary and extended, by name. Numbers match sqlite3.h. */
export const ResultCode = {
  SQLITE_OK: 0,
  SQLITE_ERROR: 1,
  SQLITE_INTERNAL: 2,
  SQLITE_PERM: 3,
  SQLITE_ABORT: 4,
  SQLITE_BUSY: 5,
  SQLITE_LOCKED: 6,
  SQLITE_NOMEM: 7,
  SQLITE_READONLY: 8,
  SQLITE_INTERRUPT: 9,
  SQLITE_IOERR: 10,
  SQLITE_CORRUPT: 11,
  SQLITE_NOTFOUND: 12,
  SQLITE_FULL: 13,
  SQLITE_CANTOPEN: 14,
  SQLITE_PROTOCOL: 15,
  SQLITE_EMPTY: 16,
  SQLITE_SCHEMA: 17,
  SQLITE_TOOBIG: 18,
  SQLITE_CONSTRAINT: 19,
  SQLITE_MISMATCH: 20,
  SQLITE_MISUSE: 21,
  SQLITE_NOLFS: 22,
  SQLITE_AUTH: 23,
  SQLITE_FORMAT: 24,
  SQLITE_RANGE: 25,
  SQLITE_NOTADB: 26,
  SQLITE_NOTICE: 27,
  SQLITE_WARNING: 28,
  SQLITE_ERROR_MISSING_COLLSEQ: 1 | (1 << 8),
  SQLITE_ERROR_RETRY: 1 | (2 << 8),
  SQLITE_ERROR_SNAPSHOT: 1 | (3 << 8),
  SQLITE_IOERR_READ: 10 | (1 << 8),
  SQLITE_IOERR_SHORT_READ: 10 | (2 << 8),
  SQLITE_IOERR_WRITE: 10 | (3 << 8),
  SQLITE_IOERR_FSYNC: 10 | (4 << 8),
  SQLITE_IOERR_TRUNCATE: 10 | (6 << 8),
  SQLITE_IOERR_FSTAT: 10 | (7 << 8),
  SQLITE_IOERR_LOCK: 10 | (15 << 8),
  SQLITE_IOERR_DELETE: 10 | (10 << 8),
  SQLITE_LOCKED_SHAREDCACHE: 6 | (1 << 8),
  SQLITE_BUSY_RECOVERY: 5 | (1 << 8),
  SQLITE_BUSY_SNAPSHOT: 5 | (2 << 8),
  SQLITE_BUSY_TIMEOUT: 5 | (3 << 8),
  SQLITE_CANTOPEN_NOTEMPDIR: 14 | (1 << 8),
  SQLITE_CANTOPEN_ISDIR: 14 | (2 << 8),
  SQLITE_CORRUPT_VTAB: 11 | (1 << 8),
  SQLITE_CORRUPT_SEQUENCE: 11 | (2 << 8),
  SQLITE_CORRUPT_INDEX: 11 | (3 << 8),
  SQLITE_READONLY_RECOVERY: 8 | (1 << 8),
  SQLITE_READONLY_CANTLOCK: 8 | (2 << 8),
  SQLITE_READONLY_ROLLBACK: 8 | (3 << 8),
  SQLITE_READONLY_DBMOVED: 8 | (4 << 8),
  SQLITE_READONLY_DIRECTORY: 8 | (6 << 8),
  SQLITE_ABORT_ROLLBACK: 4 | (2 << 8),
  SQLITE_CONSTRAINT_CHECK: 19 | (1 << 8),
  SQLITE_CONSTRAINT_COMMITHOOK: 19 | (2 << 8),
  SQLITE_CONSTRAINT_FOREIGNKEY: 19 | (3 << 8),
  SQLITE_CONSTRAINT_FUNCTION: 19 | (4 << 8),
  SQLITE_CONSTRAINT_NOTNULL: 19 | (5 << 8),
  SQLITE_CONSTRAINT_PRIMARYKEY: 19 | (6 << 8),
  SQLITE_CONSTRAINT_TRIGGER: 19 | (7 << 8),
  SQLITE_CONSTRAINT_UNIQUE: 19 | (8 << 8),
  SQLITE_CONSTRAINT_VTAB: 19 | (9 << 8),
  SQLITE_CONSTRAINT_ROWID: 19 | (10 << 8),
  SQLITE_CONSTRAINT_PINNED: 19 | (11 << 8),
  SQLITE_CONSTRAINT_DATATYPE: 19 | (12 << 8),
} as const;

export type ResultCodeName = keyof typeof ResultCode;

/**
 * The error every layer throws. `code` is the extended result code name (e.g.
 * `SQLITE_CONSTRAINT_UNIQUE`), `message` is SQLite's own message text.
 */
export class SqliteError extends Error {
  readonly code: ResultCodeName;

  constructor(message: string, code: ResultCodeName = 'SQLITE_ERROR') {
    super(message);
    this.code = code;
    // better-sqlite3 names the class 'SqliteError'; ORMs check `err.name` and `err.code`.
    Object.defineProperty(this, 'name', { value: 'SqliteError', enumerable: false, configurable: true, writable: true });
  }

  /** The numeric extended result code (as sqlite3_extended_errcode returns). */
  get rawCode(): number {
    return ResultCode[this.code];
  }

  /** The primary result code name: `SQLITE_CONSTRAINT` for `SQLITE_CONSTRAINT_UNIQUE`. */
  get primaryCode(): ResultCodeName {
    const primary = ResultCode[this.code] & 0xff;
    for (const [name, value] of Object.entries(ResultCode)) if (value === primary) return name as ResultCodeName;
    return 'SQLITE_ERROR';
  }
}

/** Errors raised when a file is not a database or is damaged. Message text as SQLite words it. */
export function corruptError(detail?: string): SqliteError {
  const error = new SqliteError('database disk image is malformed', 'SQLITE_CORRUPT');
  if (detail) Object.defineProperty(error, 'detail', { value: detail, enumerable: false });
  return error;
}

export function notADatabaseError(): SqliteError {
  return new SqliteError('file is not a database', 'SQLITE_NOTADB');
}

/** A feature SQLite has and Tandem does not (yet): a clear error, never a wrong result. */
export function unsupported(feature: string): SqliteError {
  return new SqliteError(`not supported by Tandem yet: ${feature}`, 'SQLITE_ERROR');
}
