// The .sqltest runner's parts on inline inputs: parsing, the shell emulation (list mode), the
// comparison of outputs with expectations, statement splitting and the known-failures check.

import { describe, expect, it } from 'vitest';
import { openSqlite } from '../src/driver.js';
import { splitStatements, isComplete } from '../src/sql/split.js';
import { compareOutput } from '../src/sqltest/compare.js';
import { parseKnownFailures, tally } from '../src/sqltest/known-failures.js';
import { expandMacros, parseSqlTest } from '../src/sqltest/parse.js';
import { renderListValue, runShellInput } from '../src/sqltest/shell.js';
import { alteringDriver } from './helpers.js';

const FILE = `# header comment
@database :memory:
@database :temp:

setup users {
    CREATE TABLE u(id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO u VALUES (1, 'Alice'), (2, NULL);
}

@setup users
@cross-check-integrity
test select-users {
    SELECT id, name FROM u ORDER BY id;
}
expect {
    1|Alice
    2|
}
expect @js {
    other
}

@skip-if sqlite "turso only"
test skipped-one {
    SELECT '\\}';
}
expect raw {
  x\\}
}

@backend rust
snapshot plan-1 {
    SELECT 1;
}
`;

describe('.sqltest parser', () => {
  it('parses databases, setups, decorators, expect blocks and overrides', () => {
    const file = parseSqlTest(FILE);
    expect(file.databases).toEqual([{ kind: 'memory' }, { kind: 'temp' }]);
    expect(file.setups.get('users')).toContain("INSERT INTO u VALUES (1, 'Alice'), (2, NULL);");
    const [first, second, third] = file.cases;
    expect(first).toMatchObject({ kind: 'test', name: 'select-users', setups: ['users'], crossCheckIntegrity: true });
    expect(first!.expect).toEqual({ kind: 'exact', lines: ['1|Alice', '2|'], raw: false });
    expect(first!.overrides.get('js')).toEqual({ kind: 'exact', lines: ['other'], raw: false });
    expect(second).toMatchObject({ name: 'skipped-one', sql: "SELECT '}';", skips: [{ condition: 'sqlite', reason: 'turso only' }] });
    expect(second!.expect).toEqual({ kind: 'exact', lines: ['  x}'], raw: true });
    expect(third).toMatchObject({ kind: 'snapshot', name: 'plan-1', backend: 'rust' });
  });

  it('rejects a file without @database and a test without expect', () => {
    expect(() => parseSqlTest('test a {\n SELECT 1;\n}\nexpect {\n1\n}\n')).toThrow(/no @database/);
    expect(() => parseSqlTest('@database :memory:\ntest a {\n SELECT 1;\n}\n')).toThrow(/no expect block/);
  });

  it('expands the repeat and expr_depth_limit macros', () => {
    expect(expandMacros('SELECT 1{{repeat:3: OR 1}}')).toBe('SELECT 1 OR 1 OR 1 OR 1');
    expect(expandMacros('{{repeat:expr_depth_limit-998:x}} {{expr_depth_limit}}')).toBe('xx 1000');
  });
});

describe('shell emulation (list mode)', () => {
  it('prints rows of every statement, NULL as empty, REAL as %!.15g, stopping at the first error', () => {
    const out = runShellInput(openSqlite(), "CREATE TABLE t(a); INSERT INTO t VALUES (1),(NULL),(0.1+0.2),('x|y');\nSELECT a FROM t;\nSELECT 1, 2;\nSELECT * FROM nope; SELECT 3;");
    expect(out.lines).toEqual(['1', '', '0.3', 'x|y', '1|2']);
    expect(out.error).toEqual({ code: 'SQLITE_ERROR', message: 'no such table: nope' });
  });

  it('renders values as the CLI prints them', () => {
    expect(renderListValue(1e100)).toBe('1.0e+100');
    expect(renderListValue(1025.1655084065988)).toBe('1025.1655084066');
    expect(renderListValue(2n ** 62n)).toBe('4611686018427387904');
    expect(renderListValue('ab\0cd')).toBe('ab');
    expect(renderListValue(Uint8Array.of(0x68, 0x69))).toBe('hi');
  });

  it('supports .headers and rejects other dot-commands', () => {
    const driver = openSqlite();
    expect(runShellInput(driver, '.headers on\nSELECT 1 AS a, 2 AS b;').lines).toEqual(['a|b', '1|2']);
    expect(runShellInput(driver, '.tables').error?.message).toBe('unsupported dot-command: .tables');
  });
});

describe('output comparison', () => {
  const ok = (lines: string[]) => ({ lines, error: null });
  it('compares exact output line by line, trimmed unless raw', () => {
    expect(compareOutput(ok(['1|a', ' 2|b']), { kind: 'exact', lines: ['1|a', '2|b'], raw: false })).toBeNull();
    expect(compareOutput(ok(['1|a', '2|c']), { kind: 'exact', lines: ['1|a', '2|b'], raw: false })).toMatch(/output differs/);
    expect(compareOutput(ok(['2|b', '1|a']), { kind: 'exact', lines: ['1|a', '2|b'], raw: false })).toMatch(/output differs/);
    expect(compareOutput(ok([' x']), { kind: 'exact', lines: ['x'], raw: true })).toMatch(/output differs/);
    expect(compareOutput(ok([]), { kind: 'exact', lines: [''], raw: false })).toBeNull();
    expect(compareOutput(ok(['1']), { kind: 'exact', lines: [''], raw: false })).toMatch(/output differs/);
  });

  it('compares unordered output as a multiset', () => {
    expect(compareOutput(ok(['b', 'a']), { kind: 'unordered', lines: ['a', 'b'] })).toBeNull();
    expect(compareOutput(ok(['a', 'a']), { kind: 'unordered', lines: ['a', 'b'] })).toMatch(/differs/);
  });

  it('matches patterns and errors with regular expressions', () => {
    expect(compareOutput(ok(['3.53.2']), { kind: 'pattern', pattern: '^3\\.\\d+\\.\\d+$' })).toBeNull();
    expect(compareOutput(ok(['x']), { kind: 'pattern', pattern: '^\\d+$' })).toMatch(/does not match/);
    const failed = { lines: [], error: { code: 'SQLITE_ERROR', message: 'no such table: t' } };
    expect(compareOutput(failed, { kind: 'error', pattern: null })).toBeNull();
    expect(compareOutput(failed, { kind: 'error', pattern: 'no such (table|column)' })).toBeNull();
    expect(compareOutput(failed, { kind: 'error', pattern: 'no such column' })).toMatch(/does not match/);
    expect(compareOutput(ok(['1']), { kind: 'error', pattern: null })).toMatch(/expected an error/);
    expect(compareOutput(failed, { kind: 'exact', lines: ['1'], raw: false })).toMatch(/unexpected error/);
  });

  it('catches an engine that alters one value', () => {
    const altered = alteringDriver(openSqlite(), { value: (v) => (v === 2n ? 3n : v) });
    const out = runShellInput(altered, 'SELECT 1, 2;');
    expect(compareOutput(out, { kind: 'exact', lines: ['1|2'], raw: false })).toMatch(/output differs/);
  });
});

describe('statement splitting', () => {
  it('splits on semicolons outside strings, comments and trigger bodies', () => {
    const script = `SELECT 'a;b'; -- c;d
      CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        SELECT CASE WHEN new.x < 0 THEN RAISE(ABORT, 'neg') END;
        INSERT INTO log VALUES (";");
      END;
      /* ; */ SELECT [x;y] FROM t;;
      SELECT 2`;
    const statements = splitStatements(script).map((s) => s.sql);
    expect(statements).toHaveLength(4);
    expect(statements[1]).toMatch(/^CREATE TRIGGER[\s\S]*END$/);
    expect(statements[3]).toBe('SELECT 2');
    expect(isComplete(script)).toBe(false);
    expect(isComplete('SELECT 1; -- done')).toBe(true);
  });
});

describe('known failures', () => {
  it('tolerates listed failures and reports listed tests that pass or did not run', () => {
    const known = parseKnownFailures('# comment\na.sqltest:x # reason one\na.sqltest:y # fixed now\na.sqltest:gone # renamed\n');
    const t = tally(
      [
        { id: 'a.sqltest:x', outcome: 'failed', reason: 'r' },
        { id: 'a.sqltest:y', outcome: 'passed' },
        { id: 'a.sqltest:z', outcome: 'failed', reason: 'new' },
        { id: 'a.sqltest:s', outcome: 'skipped' },
      ],
      known,
    );
    expect(t).toMatchObject({ passed: 1, failed: 1, skipped: 1, knownFailed: 1, fixed: ['a.sqltest:y'], stale: ['a.sqltest:gone'] });
    expect(t.unexpected.map((r) => r.id)).toEqual(['a.sqltest:z']);
  });
});

describe('ORDER BY detection (for unordered differential comparison)', () => {
  it('counts only an ORDER BY of the statement itself', async () => {
    const { hasOrderBy } = await import('../src/sql/split.js');
    expect(hasOrderBy('SELECT a FROM t ORDER BY a')).toBe(true);
    expect(hasOrderBy('SELECT a FROM t order\n by a')).toBe(true);
    expect(hasOrderBy('SELECT row_number() OVER (ORDER BY a) FROM t')).toBe(false);
    expect(hasOrderBy("SELECT 'order by' FROM (SELECT a FROM t ORDER BY a)")).toBe(false);
  });
});
