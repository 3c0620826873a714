// Reads everything a user can read from a database file through a better-sqlite3-shaped API: the
// schema table, then every table with SELECT *, values encoded exactly (storage class + value) so two
// implementations' results compare with toEqual and travel as JSON between processes.

export interface Failure {
  name: string;
  message: string;
  code?: string;
  /** true when the error is the implementation's SqliteError class. */
  sqliteError: boolean;
}

export interface ReadOutcome {
  /** Set when opening or reading the schema failed; then `tables` is empty. */
  failure?: Failure;
  /**
   * Table name -> encoded rows, or the failure reading it; "sqlite_schema" holds the schema rows and
   * "view <name>" a view's rows (when views are included).
   */
  tables: Record<string, string[][] | { failure: Failure }>;
}

interface DatabaseLike {
  prepare(sql: string): { raw(on?: boolean): { safeIntegers(on?: boolean): { all(): unknown[] } } };
  close(): unknown;
}
type DatabaseConstructorLike = (new (path: string, options?: object) => DatabaseLike) & { SqliteError: new (...args: never[]) => Error };

/** One value as "<storage class>:<exact value>" (bigint INTEGER under safe integers, Buffer BLOB). */
export function encodeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `i:${value}`;
  if (typeof value === 'number') return `r:${Object.is(value, -0) ? '-0' : String(value)}`;
  if (typeof value === 'string') return `t:${value}`;
  if (value instanceof Uint8Array) return `b:${Buffer.from(value).toString('hex')}`;
  return `?:${String(value)}`;
}

function failureOf(error: unknown, Database: DatabaseConstructorLike): Failure {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), sqliteError: error instanceof Database.SqliteError };
  }
  return { name: typeof error, message: String(error), sqliteError: false };
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function selectAll(db: DatabaseLike, sql: string): string[][] {
  return (db.prepare(sql).raw(true).safeIntegers(true).all() as unknown[][]).map((row) => row.map(encodeValue));
}

/** Opens `path` (read-write: it must be a private copy) and reads the schema and every table. */
export function readEverything(Database: DatabaseConstructorLike, path: string, { includeViews = false } = {}): ReadOutcome {
  let db: DatabaseLike;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    return { failure: failureOf(error, Database), tables: {} };
  }
  try {
    let tableNames: string[];
    let schema: string[][];
    let viewNames: string[];
    try {
      schema = selectAll(db, 'SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema');
      tableNames = schema.filter((row) => row[0] === 't:table').map((row) => row[1]!.slice(2));
      viewNames = includeViews ? schema.filter((row) => row[0] === 't:view').map((row) => row[1]!.slice(2)) : [];
    } catch (error) {
      return { failure: failureOf(error, Database), tables: {} };
    }
    const tables: ReadOutcome['tables'] = { sqlite_schema: schema };
    for (const name of tableNames) {
      try {
        tables[name] = selectAll(db, `SELECT * FROM ${quoteIdentifier(name)}`);
      } catch (error) {
        tables[name] = { failure: failureOf(error, Database) };
      }
    }
    for (const name of viewNames) {
      try {
        tables[`view ${name}`] = selectAll(db, `SELECT * FROM ${quoteIdentifier(name)}`);
      } catch (error) {
        tables[`view ${name}`] = { failure: failureOf(error, Database) };
      }
    }
    return { tables };
  } finally {
    try {
      db.close();
    } catch {
      // A failing close is not what these tests measure.
    }
  }
}
