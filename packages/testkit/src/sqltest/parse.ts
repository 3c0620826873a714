// Parses .sqltest files (turso-sqltest/dsl-spec.md, and the lexer of Turso's runner): directives,
// named setups, test cases with decorators and expect blocks, snapshots and matrix cases (which
// only Turso's Rust backend runs; they are parsed so they can be skipped with a reason).

export type DatabaseSpec =
  | { kind: 'memory' }
  | { kind: 'temp' }
  | { kind: 'default'; rowidAlias: boolean }
  | { kind: 'path'; path: string; readonly: boolean };

export interface Skip {
  /** null: unconditional; otherwise the runtime condition ('mvcc', 'sqlite'). */
  condition: string | null;
  reason: string;
}

export type Expectation =
  | { kind: 'exact'; lines: string[]; raw: boolean }
  | { kind: 'unordered'; lines: string[] }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'error'; pattern: string | null };

export interface SqlTestCase {
  kind: 'test' | 'snapshot' | 'matrix';
  name: string;
  line: number;
  sql: string;
  setups: string[];
  skips: Skip[];
  backend: string | null;
  requires: string[];
  crossCheckIntegrity: boolean;
  expect: Expectation | null;
  /** Backend-specific expectations: `expect @cli { ... }`. */
  overrides: Map<string, Expectation>;
}

export interface SqlTestFile {
  databases: DatabaseSpec[];
  setups: Map<string, string>;
  cases: SqlTestCase[];
  fileSkips: Skip[];
  fileRequires: string[];
}

type Token =
  | { kind: 'newline'; line: number }
  | { kind: 'word'; text: string; line: number }
  | { kind: 'string'; text: string; line: number }
  | { kind: 'block'; text: string; line: number };

export class SqlTestParseError extends Error {}

/** Block content: nested braces, `\{` `\}` `\\` escapes, the newline after '{' and before '}' dropped. */
function readBlock(src: string, open: number): { text: string; end: number } {
  let depth = 1;
  let text = '';
  let i = open + 1;
  if (src[i] === '\n') i++;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && (src[i + 1] === '{' || src[i + 1] === '}' || src[i + 1] === '\\')) {
      text += src[++i];
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { text: text.endsWith('\n') ? text.slice(0, -1) : text, end: i + 1 };
    text += c;
  }
  throw new SqlTestParseError('unterminated { block');
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      tokens.push({ kind: 'newline', line });
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '{') {
      const { text, end } = readBlock(src, i);
      tokens.push({ kind: 'block', text, line });
      for (let k = i; k < end; k++) if (src[k] === '\n') line++;
      i = end;
    } else if (c === '"') {
      let k = i + 1;
      let text = '';
      while (k < src.length && src[k] !== '"') {
        if (src[k] === '\\' && k + 1 < src.length) k++;
        text += src[k];
        k++;
      }
      tokens.push({ kind: 'string', text, line });
      i = k + 1;
    } else {
      // '@' starts a new word even without a space before it (":memory:@database" is two tokens).
      let k = i + 1;
      while (k < src.length && !/[\s{}"#@]/.test(src[k]!)) k++;
      tokens.push({ kind: 'word', text: src.slice(i, k), line });
      i = k;
    }
  }
  return tokens;
}

function blockLines(text: string, raw: boolean): string[] {
  return raw ? text.split('\n') : text.split('\n').map((l) => l.trim());
}

export function parseSqlTest(src: string): SqlTestFile {
  const tokens = tokenize(src);
  let pos = 0;
  const file: SqlTestFile = { databases: [], setups: new Map(), cases: [], fileSkips: [], fileRequires: [] };

  const peek = (): Token | undefined => tokens[pos];
  const fail = (message: string): never => {
    const at = tokens[Math.min(pos, tokens.length - 1)];
    throw new SqlTestParseError(`line ${at?.line ?? 0}: ${message}`);
  };
  const skipNewlines = (): void => {
    while (peek()?.kind === 'newline') pos++;
  };
  const word = (): string => {
    const t = tokens[pos++];
    return t && t.kind === 'word' ? t.text : fail(`expected a name, got ${t?.kind ?? 'end of file'}`);
  };
  const string = (): string => {
    const t = tokens[pos++];
    return t && t.kind === 'string' ? t.text : fail('expected a "quoted reason"');
  };
  const block = (): string => {
    const t = tokens[pos++];
    return t && t.kind === 'block' ? t.text : fail('expected a { block }');
  };

  const parseExpectation = (): Expectation => {
    const t = peek();
    if (t?.kind === 'word') {
      pos++;
      switch (t.text) {
        case 'error': {
          const pattern = block().trim();
          return { kind: 'error', pattern: pattern === '' ? null : pattern };
        }
        case 'pattern':
          return { kind: 'pattern', pattern: block().trim() };
        case 'unordered':
          return { kind: 'unordered', lines: blockLines(block().trim(), false).filter((l) => l !== '') };
        case 'raw':
          return { kind: 'exact', lines: blockLines(block(), true), raw: true };
        default:
          fail(`unknown expect modifier ${t.text}`);
      }
    }
    return { kind: 'exact', lines: blockLines(block(), false), raw: false };
  };

  const parseCase = (): SqlTestCase => {
    const item: Omit<SqlTestCase, 'kind' | 'name' | 'line' | 'sql'> = {
      setups: [],
      skips: [],
      backend: null,
      requires: [],
      crossCheckIntegrity: false,
      expect: null,
      overrides: new Map(),
    };
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t || t.kind !== 'word' || !t.text.startsWith('@')) break;
      pos++;
      switch (t.text) {
        case '@setup':
          item.setups.push(word());
          break;
        case '@skip':
          item.skips.push({ condition: null, reason: string() });
          break;
        case '@skip-if':
          item.skips.push({ condition: word(), reason: string() });
          break;
        case '@backend':
          item.backend = word();
          break;
        case '@requires':
          item.requires.push(word());
          string();
          break;
        case '@cross-check-integrity':
          item.crossCheckIntegrity = true;
          break;
        default:
          // Other decorators (e.g. a matrix's `@var name { a | b }`): consume to the end of the line.
          while (peek() && peek()!.kind !== 'newline') pos++;
      }
    }
    const head = peek();
    const kindWord = head?.kind === 'word' ? head.text : '';
    const kind = kindWord === 'test' ? 'test' : kindWord.startsWith('snapshot') ? 'snapshot' : kindWord === 'matrix' ? 'matrix' : null;
    if (!kind) return fail(`expected test, snapshot or matrix, got ${kindWord || head?.kind || 'end of file'}`);
    pos++;
    const name = word();
    const sql = block().trim();
    const testCase: SqlTestCase = { kind, name, line: head!.line, sql, ...item };
    if (kind !== 'test') return testCase;
    for (;;) {
      skipNewlines();
      const t = peek();
      if (t?.kind !== 'word' || t.text !== 'expect') break;
      pos++;
      const qualifier = peek();
      if (qualifier?.kind === 'word' && qualifier.text.startsWith('@')) {
        pos++;
        testCase.overrides.set(qualifier.text.slice(1), parseExpectation());
      } else {
        if (testCase.expect) fail(`test ${name} has two default expect blocks`);
        testCase.expect = parseExpectation();
      }
    }
    if (!testCase.expect) fail(`test ${name} has no expect block`);
    return testCase;
  };

  for (;;) {
    skipNewlines();
    const t = peek();
    if (!t) break;
    if (t.kind !== 'word') fail(`unexpected ${t.kind}`);
    const text = (t as { text: string }).text;
    if (text === '@database') {
      pos++;
      const spec = word();
      if (spec === ':memory:') file.databases.push({ kind: 'memory' });
      else if (spec === ':temp:') file.databases.push({ kind: 'temp' });
      else if (spec === ':default:') file.databases.push({ kind: 'default', rowidAlias: true });
      else if (spec === ':default-no-rowidalias:') file.databases.push({ kind: 'default', rowidAlias: false });
      else {
        const readonly = peek()?.kind === 'word' && (peek() as { text: string }).text === 'readonly';
        if (readonly) pos++;
        file.databases.push({ kind: 'path', path: spec, readonly });
      }
    } else if (text === '@skip-file') {
      pos++;
      file.fileSkips.push({ condition: null, reason: string() });
    } else if (text === '@skip-file-if') {
      pos++;
      file.fileSkips.push({ condition: word(), reason: string() });
    } else if (text === '@requires-file') {
      pos++;
      file.fileRequires.push(word());
      string();
    } else if (text === 'setup') {
      pos++;
      const name = word();
      if (file.setups.has(name)) fail(`duplicate setup name: ${name}`);
      file.setups.set(name, block().trim());
    } else {
      file.cases.push(parseCase());
    }
  }
  if (file.databases.length === 0) throw new SqlTestParseError('no @database declaration');
  return file;
}

/** Expands the `{{expr_depth_limit}}` and `{{repeat:<count>:<text>}}` macros of block contents. */
export function expandMacros(text: string, exprDepthLimit = 1000): string {
  if (!text.includes('{{')) return text;
  const count = (expr: string): number => {
    const m = /^\s*(expr_depth_limit|\d+)\s*(?:([+-])\s*(\d+))?\s*$/.exec(expr);
    if (!m) throw new SqlTestParseError(`bad macro count: ${expr}`);
    const base = m[1] === 'expr_depth_limit' ? exprDepthLimit : Number(m[1]);
    return m[2] === '-' ? base - Number(m[3]) : m[2] === '+' ? base + Number(m[3]) : base;
  };
  return text.replace(/\{\{(repeat:([^:}]+):((?:(?!\}\}).)*)|expr_depth_limit)\}\}/g, (_all, _body, repeatCount?: string, repeated?: string) =>
    repeatCount !== undefined ? (repeated ?? '').repeat(count(repeatCount)) : String(exprDepthLimit),
  );
}
