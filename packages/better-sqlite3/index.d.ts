// Type declarations of @tandem/better-sqlite3, shaped like @types/better-sqlite3 so code typed against
// better-sqlite3 compiles unchanged when "better-sqlite3" is aliased to this package.

/// <reference types="node" />

type AnyArgsFunction = (...params: any[]) => unknown;
type ArgumentsOf<F extends AnyArgsFunction> = F extends (...args: infer A) => unknown ? A : never;

declare namespace TandemBetterSqlite3 {
  interface Statement<BindParameters extends unknown[], Result = unknown> {
    readonly database: Database;
    readonly source: string;
    readonly reader: boolean;
    readonly readonly: boolean;
    readonly busy: boolean;

    run(...params: BindParameters): Database.RunResult;
    get(...params: BindParameters): Result | undefined;
    all(...params: BindParameters): Result[];
    iterate(...params: BindParameters): IterableIterator<Result>;
    pluck(toggleState?: boolean): this;
    expand(toggleState?: boolean): this;
    raw(toggleState?: boolean): this;
    bind(...params: BindParameters): this;
    columns(): ColumnDefinition[];
    safeIntegers(toggleState?: boolean): this;
  }

  interface ColumnDefinition {
    name: string;
    column: string | null;
    table: string | null;
    database: string | null;
    type: string | null;
  }

  interface Transaction<F extends AnyArgsFunction> {
    (...params: ArgumentsOf<F>): ReturnType<F>;
    default(...params: ArgumentsOf<F>): ReturnType<F>;
    deferred(...params: ArgumentsOf<F>): ReturnType<F>;
    immediate(...params: ArgumentsOf<F>): ReturnType<F>;
    exclusive(...params: ArgumentsOf<F>): ReturnType<F>;
  }

  interface Database {
    readonly memory: boolean;
    readonly readonly: boolean;
    readonly name: string;
    readonly open: boolean;
    readonly inTransaction: boolean;

    prepare<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(
      source: string,
    ): BindParameters extends unknown[] ? Statement<BindParameters, Result> : Statement<[BindParameters], Result>;
    transaction<F extends AnyArgsFunction>(fn: F): Transaction<F>;
    exec(source: string): this;
    pragma(source: string, options?: Database.PragmaOptions): unknown;
    function(name: string, cb: (...params: any[]) => unknown): this;
    function(name: string, options: Database.RegistrationOptions, cb: (...params: any[]) => unknown): this;
    aggregate<T>(
      name: string,
      options: Database.RegistrationOptions & {
        start?: T | (() => T);
        step: (total: T, ...next: any[]) => T | void;
        inverse?: ((total: T, ...dropped: any[]) => T) | undefined;
        result?: ((total: T) => unknown) | undefined;
      },
    ): this;
    close(): this;
    defaultSafeIntegers(toggleState?: boolean): this;
    unsafeMode(unsafe?: boolean): this;
    /** Not supported by Tandem yet: throws SqliteError. */
    loadExtension(path: string, entryPoint?: string): this;
    /** Not supported by Tandem yet: throws SqliteError. */
    backup(destinationFile: string, options?: Database.BackupOptions): Promise<Database.BackupMetadata>;
    /** Not supported by Tandem yet: throws SqliteError. */
    table(name: string, options: unknown): this;
    /** Not supported by Tandem yet: throws SqliteError. */
    serialize(options?: Database.SerializeOptions): Buffer;
  }

  interface DatabaseConstructor {
    new (filename?: string, options?: Database.Options): Database;
    (filename?: string, options?: Database.Options): Database;
    prototype: Database;
    SqliteError: typeof SqliteErrorClass;
  }
}

declare class SqliteErrorClass extends Error {
  name: string;
  message: string;
  /** SQLite's extended result code name, e.g. "SQLITE_CONSTRAINT_UNIQUE". */
  code: string;
  constructor(message: string, code?: string);
}

declare namespace Database {
  interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }

  interface Options {
    readonly?: boolean | undefined;
    fileMustExist?: boolean | undefined;
    timeout?: number | undefined;
    verbose?: ((message?: unknown, ...additionalArgs: unknown[]) => void) | undefined;
    /** Accepted and ignored: Tandem has no native addon. */
    nativeBinding?: string | undefined;
  }

  interface SerializeOptions {
    attached?: string;
  }

  interface PragmaOptions {
    simple?: boolean | undefined;
  }

  interface RegistrationOptions {
    varargs?: boolean | undefined;
    deterministic?: boolean | undefined;
    safeIntegers?: boolean | undefined;
    directOnly?: boolean | undefined;
  }

  interface BackupMetadata {
    totalPages: number;
    remainingPages: number;
  }

  interface BackupOptions {
    progress: (info: BackupMetadata) => number;
  }

  type AggregateOptions = Parameters<TandemBetterSqlite3.Database['aggregate']>[1];
  type SqliteError = SqliteErrorClass;
  type Statement<BindParameters extends unknown[] | {} = unknown[], Result = unknown> = BindParameters extends unknown[]
    ? TandemBetterSqlite3.Statement<BindParameters, Result>
    : TandemBetterSqlite3.Statement<[BindParameters], Result>;
  type ColumnDefinition = TandemBetterSqlite3.ColumnDefinition;
  type Transaction<T extends AnyArgsFunction = AnyArgsFunction> = TandemBetterSqlite3.Transaction<T>;
  type Database = TandemBetterSqlite3.Database;
}

declare const Database: TandemBetterSqlite3.DatabaseConstructor;
export = Database;
