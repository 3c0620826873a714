// The async prepared statement: run/get/all return promises and iterate() is an async iterator,
// with better-sqlite3's binding rules (api/binder.ts) and row shapes (objects, pluck, raw). Each call
// is queued on its connection and runs in time slices (see driver.ts).

import type { SqlValue } from '../../common/values.js';
import type { PreparedStatement } from '../../engine/prepared.js';
import { bindArguments, namedSlotsOf, type NamedSlot } from '../binder.js';
import { sqlToJs } from '../js-values.js';
import type { RunResult, ColumnDefinition } from '../statement.js';
import { splitCallOptions, type CallOptions } from './call-control.js';
import type { ConnectionCore } from './connection-core.js';
import { andThen, StatementDriver } from './driver.js';

export type { CallOptions };

export class AsyncStatement {
  /** The SQL text given to prepare(). */
  readonly source: string;
  /** true when the statement returns rows. */
  readonly reader: boolean;
  /** true when the statement does not write the database. */
  readonly readonly: boolean;
  readonly #core: ConnectionCore;
  readonly #prepared: PreparedStatement;
  readonly #namedSlots: NamedSlot[];
  readonly #namedKeys: ReadonlySet<string>;
  #pluck = false;
  #raw = false;
  #safeIntegers: boolean;
  /** true while an iterator of this statement is open (the statement is mid-run between its calls). */
  #iterating = false;
  #finalized = false;

  /** @internal Created by Connection.prepare(). */
  constructor(core: ConnectionCore, prepared: PreparedStatement, source: string) {
    this.#core = core;
    this.#prepared = prepared;
    this.source = source;
    this.reader = prepared.returnsRows || prepared.columns.length > 0;
    this.readonly = prepared.readonly;
    this.#namedSlots = namedSlotsOf(prepared);
    this.#namedKeys = new Set(this.#namedSlots.map((slot) => slot.key));
    this.#safeIntegers = core.settings.safeIntegers;
  }

  /** Runs the statement; resolves to the changes and last rowid. A trailing { signal, timeout } object is call options. */
  run(...args: unknown[]): Promise<RunResult> {
    return this.#call(args, (driver) => {
      const engine = this.#core.engine;
      const totalBefore = engine.totalChanges;
      return andThen(driver.next(), (): RunResult => {
        driver.finish();
        const changes = engine.totalChanges === totalBefore ? 0 : engine.changes;
        const rowid = engine.lastInsertRowid;
        return { changes, lastInsertRowid: this.#safeIntegers ? rowid : Number(rowid) };
      });
    });
  }

  /** The first row, or undefined. */
  get(...args: unknown[]): Promise<unknown> {
    this.#requireReader();
    return this.#call(args, (driver) => andThen(driver.next(), (row) => (row ? this.#shape(this.#prepared.row()) : undefined)));
  }

  /** Every row. */
  all(...args: unknown[]): Promise<unknown[]> {
    this.#requireReader();
    return this.#call(args, (driver) => this.#collect(driver, []));
  }

  /** Adds the remaining rows to `rows`: directly while they come within the slice, then after each wait. */
  #collect(driver: StatementDriver, rows: unknown[]): unknown[] | Promise<unknown[]> {
    for (;;) {
      const more = driver.next();
      if (more === false) return rows;
      if (more !== true) return more.then((row) => (row ? (rows.push(this.#shape(this.#prepared.row())), this.#collect(driver, rows)) : rows));
      rows.push(this.#shape(this.#prepared.row()));
    }
  }

  /**
   * The rows one at a time. Each next() is one queued call, so other calls on the connection may run
   * between rows; the statement itself stays busy until the iterator ends (or `break`s). Call options
   * (a trailing { signal, timeout }) apply to each next() separately.
   */
  iterate(...args: unknown[]): AsyncIterableIterator<unknown> {
    this.#requireReader();
    const { params, options } = splitCallOptions(args, this.#namedKeys);
    this.#requireIdle();
    this.#iterating = true;
    const core = this.#core;
    let driver: StatementDriver | null = null;
    let done = false;
    const end = async (): Promise<void> => {
      if (done) return;
      done = true;
      try {
        // Queued like any call, so it never resets the statement under another call's feet.
        if (!core.closed) await core.run(undefined, () => this.#end(driver));
      } finally {
        this.#iterating = false;
      }
    };
    const iterator: AsyncIterableIterator<unknown> = {
      next: async () => {
        if (done) return { done: true, value: undefined };
        try {
          const row = await core.run(options, async (control) => {
            if (driver) driver.continueWith(control);
            else {
              this.#bind(params);
              driver = new StatementDriver(core, this.#prepared, control);
            }
            return (await driver.next()) ? this.#shape(this.#prepared.row()) : NO_ROW;
          });
          if (row !== NO_ROW) return { done: false, value: row };
        } catch (error) {
          await end();
          throw error;
        }
        await end();
        return { done: true, value: undefined };
      },
      return: async () => {
        await end();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  /** Return only the first column of each row. */
  pluck(toggle = true): this {
    this.#requireReader();
    this.#pluck = toggle;
    if (toggle) this.#raw = false;
    return this;
  }

  /** Return rows as arrays of values. */
  raw(toggle = true): this {
    this.#requireReader();
    this.#raw = toggle;
    if (toggle) this.#pluck = false;
    return this;
  }

  /** Return INTEGER values as bigint. */
  safeIntegers(toggle = true): this {
    this.#safeIntegers = toggle;
    return this;
  }

  columns(): ColumnDefinition[] {
    return this.#prepared.columns.map((c) => ({ name: c.name, column: c.column, table: c.table, database: c.database, type: c.type }));
  }

  /** Releases the statement. Later calls reject. */
  finalize(): void {
    if (this.#finalized) return;
    this.#finalized = true;
    if (!this.#iterating) this.#prepared.finalize();
  }

  #call<T>(args: unknown[], body: (driver: StatementDriver) => Promise<T> | T): Promise<T> {
    let split: ReturnType<typeof splitCallOptions>;
    try {
      this.#requireIdle();
      split = splitCallOptions(args, this.#namedKeys);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#core.run(split.options, (control) => {
      this.#requireIdle();
      this.#bind(split.params);
      const driver = new StatementDriver(this.#core, this.#prepared, control);
      let result: Promise<T> | T;
      try {
        result = body(driver);
      } catch (error) {
        this.#end(driver);
        throw error;
      }
      if (!(result instanceof Promise)) {
        this.#end(driver);
        return result;
      }
      return result.finally(() => this.#end(driver));
    });
  }

  #end(driver: StatementDriver | null): void {
    if (driver) driver.finish();
    else this.#prepared.reset();
    this.#prepared.clearBindings();
    if (this.#finalized) this.#prepared.finalize();
  }

  #bind(params: unknown[]): void {
    bindArguments(this.#prepared, this.#namedSlots, params);
  }

  #shape(values: SqlValue[]): unknown {
    const safe = this.#safeIntegers;
    if (this.#pluck) return sqlToJs(values[0] ?? null, safe);
    if (this.#raw) return values.map((v) => sqlToJs(v, safe));
    const row: Record<string, unknown> = {};
    const columns = this.#prepared.columns;
    for (let i = 0; i < columns.length; i++) row[columns[i]!.name] = sqlToJs(values[i] ?? null, safe);
    return row;
  }

  #requireReader(): void {
    if (!this.reader) throw new TypeError('This statement does not return data. Use run() instead');
  }

  #requireIdle(): void {
    if (this.#finalized) throw new TypeError('The statement has been finalized');
    if (this.#iterating) throw new TypeError('This statement is busy executing a query');
  }
}

const NO_ROW = Symbol('no row');
