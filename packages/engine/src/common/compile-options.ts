// The compile-time options Tandem reports: PRAGMA compile_options lists them and
// sqlite_compileoption_used() / sqlite_compileoption_get() answer from them, as SQLite's
// sqlite3_compileoption_used/get do. Tandem answers as the build it is held to does (better-sqlite3
// on SQLite 3.53, the oracle of every differential test; test/sql/fuzz-gaps.test.ts compares the
// lists), so a program probing options sees what it would see there. Options naming extensions
// Tandem lacks (FTS, R-Tree, Geopoly, dbstat) do not make them exist: using them still raises
// "not supported".

export const COMPILE_OPTIONS: readonly string[] = [
  'ATOMIC_INTRINSICS=1', 'COMPILER=gcc-12.2.0', 'DEFAULT_AUTOVACUUM', 'DEFAULT_CACHE_SIZE=-16000',
  'DEFAULT_FILE_FORMAT=4', 'DEFAULT_FOREIGN_KEYS', 'DEFAULT_JOURNAL_SIZE_LIMIT=-1', 'DEFAULT_MEMSTATUS=0',
  'DEFAULT_MMAP_SIZE=0', 'DEFAULT_PAGE_SIZE=4096', 'DEFAULT_PCACHE_INITSZ=20', 'DEFAULT_RECURSIVE_TRIGGERS',
  'DEFAULT_SECTOR_SIZE=4096', 'DEFAULT_SYNCHRONOUS=2', 'DEFAULT_WAL_AUTOCHECKPOINT=1000', 'DEFAULT_WAL_SYNCHRONOUS=1',
  'DEFAULT_WORKER_THREADS=0', 'DIRECT_OVERFLOW_READ', 'DQS=0', 'ENABLE_COLUMN_METADATA', 'ENABLE_DBSTAT_VTAB',
  'ENABLE_FTS3', 'ENABLE_FTS3_PARENTHESIS', 'ENABLE_FTS4', 'ENABLE_FTS5', 'ENABLE_GEOPOLY', 'ENABLE_MATH_FUNCTIONS',
  'ENABLE_PERCENTILE', 'ENABLE_RTREE', 'ENABLE_STAT4', 'ENABLE_UPDATE_DELETE_LIMIT', 'LIKE_DOESNT_MATCH_BLOBS',
  'MALLOC_SOFT_LIMIT=1024', 'MAX_ATTACHED=10', 'MAX_COLUMN=2000', 'MAX_COMPOUND_SELECT=500', 'MAX_DEFAULT_PAGE_SIZE=8192',
  'MAX_EXPR_DEPTH=1000', 'MAX_FUNCTION_ARG=1000', 'MAX_LENGTH=1000000000', 'MAX_LIKE_PATTERN_LENGTH=50000',
  'MAX_MMAP_SIZE=0x7fff0000', 'MAX_PAGE_COUNT=0xfffffffe', 'MAX_PAGE_SIZE=65536', 'MAX_SQL_LENGTH=1000000000',
  'MAX_TRIGGER_DEPTH=1000', 'MAX_VARIABLE_NUMBER=32766', 'MAX_VDBE_OP=250000000', 'MAX_WORKER_THREADS=8',
  'MUTEX_PTHREADS', 'OMIT_DEPRECATED', 'OMIT_PROGRESS_CALLBACK', 'OMIT_SHARED_CACHE', 'OMIT_TCL_VARIABLE', 'SOUNDEX',
  'SYSTEM_MALLOC', 'TEMP_STORE=1', 'THREADSAFE=2', 'USE_URI',
];

/** A character SQLite's sqlite3IsIdChar accepts (letters, digits, '_', non-ASCII). */
function isIdChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_\u0080-\uffff]/.test(c);
}

/**
 * sqlite3_compileoption_used: `name` (an optional "SQLITE_" prefix dropped) is an option's whole
 * name or its name before "=", compared ASCII case-insensitively.
 */
export function compileOptionUsed(name: string): boolean {
  const wanted = (/^sqlite_/i.test(name) ? name.slice(7) : name).toLowerCase();
  return COMPILE_OPTIONS.some((option) => option.slice(0, wanted.length).toLowerCase() === wanted && !isIdChar(option[wanted.length]));
}

/** sqlite3_compileoption_get: the n-th option (from 0), or null past either end. */
export function compileOptionGet(n: number): string | null {
  return COMPILE_OPTIONS[n] ?? null;
}
