// db.transaction(fn): wraps fn in BEGIN/COMMIT (ROLLBACK on throw), or in a savepoint when called
// inside an open transaction, exactly as better-sqlite3's lib/methods/transaction.js does, including
// its savepoint name and the .deferred/.immediate/.exclusive variants.

import type { Statement } from './statement.js';

type AnyFunction = (...args: never[]) => unknown;

/** The function db.transaction() returns. */
export interface Transaction<F extends AnyFunction> {
  (...args: Parameters<F>): ReturnType<F>;
  default(...args: Parameters<F>): ReturnType<F>;
  deferred(...args: Parameters<F>): ReturnType<F>;
  immediate(...args: Parameters<F>): ReturnType<F>;
  exclusive(...args: Parameters<F>): ReturnType<F>;
  readonly database: unknown;
}

interface TransactionStatements {
  readonly begin: Statement;
  readonly commit: Statement;
  readonly rollback: Statement;
  readonly savepoint: Statement;
  readonly release: Statement;
  readonly rollbackTo: Statement;
}

interface Controller {
  default: TransactionStatements;
  deferred: TransactionStatements;
  immediate: TransactionStatements;
  exclusive: TransactionStatements;
}

/** What the wrapper needs from the database. */
export interface TransactionHost {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
}

const controllers = new WeakMap<TransactionHost, Controller>();

// The same savepoint name as better-sqlite3 (tabs keep it from clashing with user savepoints).
const SAVEPOINT_NAME = '`\t_bs3.\t`';

/** A statement compiled on first use, then reused. */
function lazyStatement(db: TransactionHost, sql: string): () => Statement {
  let statement: Statement | null = null;
  return () => (statement ??= db.prepare(sql));
}

// Unlike better-sqlite3, statements are compiled on first use rather than all at once, so a
// transaction that is never nested does not need SAVEPOINT support from the engine.
function controllerOf(db: TransactionHost): Controller {
  let controller = controllers.get(db);
  if (!controller) {
    const commit = lazyStatement(db, 'COMMIT');
    const rollback = lazyStatement(db, 'ROLLBACK');
    const savepoint = lazyStatement(db, `SAVEPOINT ${SAVEPOINT_NAME}`);
    const release = lazyStatement(db, `RELEASE ${SAVEPOINT_NAME}`);
    const rollbackTo = lazyStatement(db, `ROLLBACK TO ${SAVEPOINT_NAME}`);
    const variant = (beginSql: string): TransactionStatements => {
      const begin = lazyStatement(db, beginSql);
      return {
        get begin() {
          return begin();
        },
        get commit() {
          return commit();
        },
        get rollback() {
          return rollback();
        },
        get savepoint() {
          return savepoint();
        },
        get release() {
          return release();
        },
        get rollbackTo() {
          return rollbackTo();
        },
      };
    };
    controller = {
      default: variant('BEGIN'),
      deferred: variant('BEGIN DEFERRED'),
      immediate: variant('BEGIN IMMEDIATE'),
      exclusive: variant('BEGIN EXCLUSIVE'),
    };
    controllers.set(db, controller);
  }
  return controller;
}

export function createTransaction<F extends AnyFunction>(db: TransactionHost, fn: F): Transaction<F> {
  if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');
  const controller = controllerOf(db);
  const variants = {
    default: wrap(db, fn, controller.default),
    deferred: wrap(db, fn, controller.deferred),
    immediate: wrap(db, fn, controller.immediate),
    exclusive: wrap(db, fn, controller.exclusive),
  };
  const properties: PropertyDescriptorMap = {
    default: { value: variants.default },
    deferred: { value: variants.deferred },
    immediate: { value: variants.immediate },
    exclusive: { value: variants.exclusive },
    database: { value: db, enumerable: true },
  };
  for (const variant of Object.values(variants)) Object.defineProperties(variant, properties);
  return variants.default as unknown as Transaction<F>;
}

function wrap(db: TransactionHost, fn: AnyFunction, statements: TransactionStatements) {
  return function sqliteTransaction(this: unknown, ...args: unknown[]): unknown {
    const nested = db.inTransaction;
    (nested ? statements.savepoint : statements.begin).run();
    try {
      const result = (fn as (...a: unknown[]) => unknown).apply(this, args);
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new TypeError('Transaction function cannot return a promise');
      }
      (nested ? statements.release : statements.commit).run();
      return result;
    } catch (error) {
      // The transaction may already be gone (e.g. a ROLLBACK inside fn, or SQLite's automatic rollback).
      if (db.inTransaction) {
        if (nested) {
          statements.rollbackTo.run();
          statements.release.run();
        } else {
          statements.rollback.run();
        }
      }
      throw error;
    }
  };
}
