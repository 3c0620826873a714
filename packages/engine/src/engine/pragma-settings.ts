// Per-connection PRAGMA settings that live outside the database file (busy_timeout, locking_mode,
// query_only, temp_store...) and the PRAGMAs that act on the pager (wal_checkpoint,
// wal_autocheckpoint). Each setter follows SQLite's parsing of the value and returns what the
// PRAGMA statement reports; a value Tandem cannot honour raises "not supported", never a silent lie.

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { CheckpointMode, Pager } from '../pager/pager.js';
import { valueToText } from '../values/cast.js';

/** What the settings need from their connection. */
export interface SettingsHost {
  readonly pager: Pager;
  /** The database file's absolute path ('' for an in-memory database). */
  readonly file: string;
  /** Commits to this database by every connection so far (PRAGMA data_version compares it). */
  commitSeq(): number;
}

/** SQLite's sqlite3GetBoolean: on/yes/true/off/no/false, else the integer value is non-zero. */
export function pragmaBoolean(value: SqlValue): boolean {
  return pragmaInteger(value) !== 0n;
}

/** The integer a pragma value spells (sqlite3Atoi-like: leading integer text, booleans by name). */
export function pragmaInteger(value: SqlValue): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  const text = valueToText(value ?? '').trim().toLowerCase();
  if (text === 'on' || text === 'yes' || text === 'true') return 1n;
  if (text === 'off' || text === 'no' || text === 'false') return 0n;
  const match = /^[+-]?\d+/.exec(text);
  return match ? BigInt.asIntN(64, BigInt(match[0])) : 0n;
}

const MAX_PAGE_COUNT = 4294967294n;

/** The connection holding each shared database in EXCLUSIVE locking mode (by the database object). */
const exclusiveHolders = new WeakMap<object, PragmaSettings>();
/** Entries set in exclusiveHolders and not deleted (an upper bound: 0 means none, acquire's fast path). */
let exclusiveHolds = 0;

function releaseHold(database: object): void {
  if (exclusiveHolders.delete(database)) exclusiveHolds--;
}

export class PragmaSettings {
  /** PRAGMA busy_timeout, in milliseconds (the API's "timeout" option sets it). */
  busyTimeoutMs = 0;
  lockingMode: 'normal' | 'exclusive' = 'normal';
  private mainMode: 'normal' | 'exclusive' = 'normal';
  queryOnly = false;
  ignoreCheckConstraints = false;
  /** PRAGMA legacy_alter_table: RENAME TO leaves views and trigger bodies alone (compiler/alter.ts). */
  legacyAlterTable = false;
  caseSensitiveLike = false;
  /** PRAGMA full_column_names / short_column_names: how result columns are named (compiler/column-names.ts). */
  fullColumnNames = false;
  shortColumnNames = true;
  cellSizeCheck = false;
  /** PRAGMA cache_spill: whether dirty pages may spill (SQLITE_CacheSpill) and the spill threshold in pages. */
  private cacheSpill = true;
  private spillPages = 1;
  /** PRAGMA count_changes (deprecated): INSERT, UPDATE and DELETE return their row count (compiler/compile.ts). */
  countChanges = false;
  temp = 0n;
  analysisLimit = 0n;

  /** data_version: bumped when a read finds commits by other connections since the last read. */
  private dataVersion = 1n;
  private seenSeq = 0;

  constructor(private readonly host: SettingsHost) {
    this.seenSeq = host.commitSeq();
  }

  /** This connection committed: its own commits never change data_version. */
  noteOwnCommit(): void {
    if (this.seenSeq === this.host.commitSeq() - 1) this.seenSeq = this.host.commitSeq();
  }

  /** Handles `name` (value null: read); undefined when the name is not one of these settings. */
  call(name: string, value: SqlValue): SqlValue | SqlValue[][] | undefined {
    switch (name) {
      case 'busy_timeout':
        if (value !== null) {
          const ms = pragmaInteger(value);
          this.busyTimeoutMs = ms > 0n ? Number(ms > 0x7fffffffn ? 0x7fffffffn : ms) : 0;
        }
        return BigInt(this.busyTimeoutMs);
      case 'locking_mode':
      case 'main.locking_mode': {
        // SQLite keeps a default mode (PRAGMA locking_mode) and the main database's mode
        // (PRAGMA main.locking_mode); an in-memory database's pager is always exclusive.
        const mode = value === null ? null : valueToText(value).toLowerCase();
        const main = name === 'main.locking_mode';
        if (mode !== 'exclusive' && mode !== 'normal') return main ? this.mainLockingMode() : this.lockingMode;
        if (!main) this.lockingMode = mode;
        this.mainMode = mode;
        return this.mainLockingMode();
      }
      case 'legacy_alter_table':
        return this.flag(value, (v) => (this.legacyAlterTable = v), this.legacyAlterTable);
      case 'query_only':
        return this.flag(value, (v) => (this.queryOnly = v), this.queryOnly);
      case 'full_column_names':
        return this.flag(value, (v) => (this.fullColumnNames = v), this.fullColumnNames);
      case 'short_column_names':
        return this.flag(value, (v) => (this.shortColumnNames = v), this.shortColumnNames);
      case 'count_changes':
        return this.flag(value, (v) => (this.countChanges = v), this.countChanges);
      case 'cache_spill':
        if (value !== null) this.setCacheSpill(valueToText(value).trim());
        return this.cacheSpill ? BigInt(Math.max(this.cachePages(this.host.pager.cacheSize), this.spillPages)) : 0n;
      case 'cell_size_check':
        return this.flag(value, (v) => (this.cellSizeCheck = v), this.cellSizeCheck);
      case 'ignore_check_constraints':
        return this.flag(value, (v) => (this.ignoreCheckConstraints = v), this.ignoreCheckConstraints);
      case 'case_sensitive_like':
        if (value !== null) this.caseSensitiveLike = pragmaBoolean(value);
        return null;
      case 'temp_store':
        if (value !== null) this.temp = tempStoreOf(value);
        return this.temp;
      case 'analysis_limit':
        if (value !== null) {
          const n = pragmaInteger(value);
          this.analysisLimit = n < 0n ? 0n : n;
        }
        return this.analysisLimit;
      case 'secure_delete':
        // Tandem does not overwrite deleted content: only "off" is true of it.
        if (value !== null && secureDeleteOf(value) !== 0n) throw unsupported('PRAGMA secure_delete=ON');
        return 0n;
      case 'writable_schema':
        if (value !== null && pragmaBoolean(value)) throw unsupported('PRAGMA writable_schema=ON');
        return 0n;
      case 'reverse_unordered_selects':
        if (value !== null && pragmaBoolean(value)) throw unsupported('PRAGMA reverse_unordered_selects=ON');
        return 0n;
      case 'max_page_count': {
        // OP_MaxPgcnt: a positive value sets the limit, never below the pages the file has now.
        const n = value === null ? 0n : pragmaInteger(value);
        if (n > 0n) this.host.pager.maxPageCount = Math.max(Number(n > MAX_PAGE_COUNT ? MAX_PAGE_COUNT : n), this.host.pager.pageCount);
        return BigInt(this.host.pager.maxPageCount);
      }
      case 'mmap_size':
        // Tandem never memory-maps the file: the size in use is always 0, as in a build without mmap.
        return 0n;
      case 'data_version': {
        const seq = this.host.commitSeq();
        if (seq !== this.seenSeq) this.dataVersion++;
        this.seenSeq = seq;
        return this.dataVersion;
      }
      case 'database_file':
        return this.host.file;
      case 'wal_autocheckpoint': {
        if (value !== null) {
          const n = pragmaInteger(value);
          this.host.pager.autoCheckpoint = n > 0n ? Number(n) : 0;
        }
        return BigInt(this.host.pager.autoCheckpoint);
      }
      case 'wal_checkpoint': {
        const mode = checkpointModeOf(value);
        const result = this.host.pager.checkpoint(mode);
        return [[result.busy ? 1n : 0n, BigInt(result.log), BigInt(result.checkpointed)]];
      }
      default:
        return undefined;
    }
  }

  /**
   * A transaction is starting on `database`: false (the caller raises SQLITE_BUSY) while another
   * connection holds it in EXCLUSIVE locking mode. In that mode this connection takes the database
   * on its first access (unless another one is writing) and keeps it until it accesses the
   * database again after switching back to NORMAL, or closes, as SQLite's file locks behave.
   */
  acquire(database: object, writerElsewhere: () => boolean): boolean {
    if (this.host.file === '') return true;
    // Nobody holds a database exclusively and this connection does not want to (every statement start).
    if (exclusiveHolds === 0 && this.mainMode !== 'exclusive') return true;
    const holder = exclusiveHolders.get(database);
    if (holder && holder !== this) return false;
    if (this.mainMode === 'exclusive') {
      if (holder) return true;
      if (writerElsewhere()) return false;
      exclusiveHolders.set(database, this);
      exclusiveHolds++;
    } else if (holder === this) {
      releaseHold(database);
    }
    return true;
  }

  /** The connection closes: it gives up an exclusive hold. */
  release(database: object): void {
    if (exclusiveHolders.get(database) === this) releaseHold(database);
  }

  /** SQLite's cache_spill: an integer sets the threshold (sqlite3PcacheSetSpillsize), then its truth the flag. */
  private setCacheSpill(text: string): void {
    const size = /^[+-]?\d/.test(text) ? Number(pragmaInteger(text)) : 0;
    if (size !== 0) this.spillPages = size > 0 ? size : this.cachePages(size);
    this.cacheSpill = /^[+-]?\d/.test(text) ? size !== 0 : pragmaBoolean(text);
  }

  /**
   * A cache_size (or spill size) in pages as SQLite's numberOfCachePages counts them: negative
   * means KiB, each page costing page size + 136 bytes (its PgHdr and MemPage on 64-bit builds).
   */
  private cachePages(size: number): number {
    return size >= 0 ? size : Math.floor((-1024 * size) / (this.host.pager.pageSize + 136));
  }

  private mainLockingMode(): 'normal' | 'exclusive' {
    return this.host.file === '' ? 'exclusive' : this.mainMode;
  }

  private flag(value: SqlValue, set: (v: boolean) => void, current: boolean): SqlValue {
    if (value === null) return current ? 1n : 0n;
    set(pragmaBoolean(value));
    return null;
  }
}

/** PRAGMA temp_store: DEFAULT/FILE/MEMORY or 0/1/2 (other text is DEFAULT). */
function tempStoreOf(value: SqlValue): bigint {
  const text = valueToText(value ?? '').trim().toLowerCase();
  if (/^[0-9]/.test(text)) {
    const n = pragmaInteger(value);
    return n >= 0n && n <= 2n ? n : 0n;
  }
  return text === 'file' ? 1n : text === 'memory' ? 2n : 0n;
}

/** PRAGMA secure_delete: a boolean, or FAST (2). */
function secureDeleteOf(value: SqlValue): bigint {
  const text = valueToText(value ?? '').trim().toLowerCase();
  if (text === 'fast') return 2n;
  return pragmaBoolean(value) ? 1n : 0n;
}

/** PRAGMA wal_checkpoint(mode): PASSIVE (default), FULL, RESTART or TRUNCATE; other text is PASSIVE. */
function checkpointModeOf(value: SqlValue): CheckpointMode {
  const text = value === null ? '' : valueToText(value).toLowerCase();
  if (text === 'full' || text === 'restart' || text === 'truncate') return text;
  return 'passive';
}

export function refuseWriteInQueryOnly(settings: PragmaSettings): void {
  if (settings.queryOnly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
}
