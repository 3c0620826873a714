// End to end: the .sqltest runner on small files written to a scratch corpus, with an engine that
// agrees with the expectations and one that alters a value (stored expectations and the
// differential check of `:default:` tests must both catch it).

import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, type DriverFactory } from '../src/driver.js';
import { SqlTestRunner } from '../src/sqltest/run.js';
import { alteringDriver } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'testkit-sqltest-'));
mkdirSync(join(root, 'sqlite-sqltests'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(root, 'sqlite-sqltests', name);
  writeFileSync(path, text);
  return path;
}

const memoryFile = write(
  'memory.sqltest',
  `@database :memory:
@database :temp:

setup t {
    CREATE TABLE t(a INTEGER, b TEXT);
    INSERT INTO t VALUES (1, 'x'), (2, 'y');
}

@setup t
test rows {
    SELECT a, b FROM t ORDER BY a;
}
expect {
    1|x
    2|y
}

test error {
    SELECT * FROM nope;
}
expect error {
    no such table: nope
}

@requires materialized_views "not in sqlite"
test needs-views {
    SELECT 1;
}
expect {
    1
}
`,
);

const defaultFile = write(
  'default.sqltest',
  `@database :default:

test users-count {
    SELECT count(*), sum(age) > 0 FROM users;
}
expect {
    10000|1
}

test no-table {
    SELECT 40 + 2;
}
expect {
    42
}
`,
);

const alterTwo: DriverFactory = (options) => alteringDriver(openSqlite(options), { value: (v) => (v === 2n || v === 42n ? 7n : v) });

describe('.sqltest runner end to end', () => {
  it('passes a file whose expectations hold, on every declared database', () => {
    const runner = new SqlTestRunner({ open: openSqlite, root });
    const { results } = runner.runFile(memoryFile);
    runner.dispose();
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      ['memory.sqltest:rows[:memory:]', 'passed'],
      ['memory.sqltest:error[:memory:]', 'passed'],
      ['memory.sqltest:needs-views[:memory:]', 'skipped'],
      ['memory.sqltest:rows[:temp:]', 'passed'],
      ['memory.sqltest:error[:temp:]', 'passed'],
      ['memory.sqltest:needs-views[:temp:]', 'skipped'],
    ]);
  });

  it('does not run tests on the skip list', () => {
    const skip = new Map([['memory.sqltest:rows[:temp:]', 'hangs']]);
    const runner = new SqlTestRunner({ open: alterTwo, root, skip, workDir: join(root, 'work-e') });
    const results = runner.runFile(memoryFile).results;
    expect(results.find((r) => r.id === 'memory.sqltest:rows[:temp:]')).toMatchObject({ outcome: 'skipped', reason: 'skip list: hangs' });
    expect(results.find((r) => r.id === 'memory.sqltest:rows[:memory:]')!.outcome).toBe('failed');
  });

  it('fails when the engine alters a value', () => {
    const runner = new SqlTestRunner({ open: alterTwo, root });
    const { results } = runner.runFile(memoryFile);
    runner.dispose();
    expect(results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toEqual(['memory.sqltest:rows[:memory:]', 'memory.sqltest:rows[:temp:]']);
  });

  it('checks :default: tests that read users/products against better-sqlite3, the others against the file', () => {
    const runner = new SqlTestRunner({ open: openSqlite, root });
    const good = runner.runFile(defaultFile).results;
    const bad = new SqlTestRunner({ open: alterTwo, root, workDir: join(root, 'work-a') }).runFile(defaultFile).results;
    runner.dispose();
    expect(good.map((r) => [r.outcome, r.differential ?? false])).toEqual([
      ['passed', true],
      ['passed', false],
    ]);
    expect(bad.map((r) => r.outcome)).toEqual(['passed', 'failed']);
    const sumAltered = new SqlTestRunner({ open: (o) => alteringDriver(openSqlite(o), { value: (v) => (v === 1n ? 0n : v) }), root, workDir: join(root, 'work-b') }).runFile(defaultFile).results;
    expect(sumAltered[0]).toMatchObject({ outcome: 'failed', differential: true });
    expect(sumAltered[0]!.reason).toMatch(/differs from better-sqlite3/);
  });

  it('with crossCheckIntegrity, runs @cross-check-integrity tests on a file and checks it with better-sqlite3', () => {
    const file = write(
      'integrity.sqltest',
      `@database :memory:

@cross-check-integrity
test writes {
    CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT);
    INSERT INTO t VALUES (1, 'x');
    SELECT count(*) FROM t;
}
expect {
    1
}
`,
    );
    const runner = new SqlTestRunner({ open: openSqlite, root, crossCheckIntegrity: true, workDir: join(root, 'work-c') });
    expect(runner.runFile(file).results.map((r) => r.outcome)).toEqual(['passed']);
    // An engine that damages the file when it closes it: page 2 (the table's root) gets a bad header.
    const damaging: DriverFactory = (options) => {
      const driver = openSqlite(options);
      return {
        name: 'damaging',
        exec: (sql) => driver.exec(sql),
        query: (sql, params) => driver.query(sql, params),
        close: () => {
          driver.close();
          if (options.path && options.path !== ':memory:') {
            const fd = openSync(options.path, 'r+');
            writeSync(fd, Uint8Array.of(0x07, 0xff, 0xff, 0xff, 0xff), 0, 5, 4096);
            closeSync(fd);
          }
        },
      };
    };
    const damaged = new SqlTestRunner({ open: damaging, root, crossCheckIntegrity: true, workDir: join(root, 'work-d') }).runFile(file).results;
    expect(damaged[0]!.outcome).toBe('failed');
    expect(damaged[0]!.reason).toMatch(/integrity_check \(better-sqlite3\)/);
    runner.dispose();
  });
});
