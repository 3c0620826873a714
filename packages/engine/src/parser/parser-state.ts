// The parser's cursor over the token stream: current token, lookahead, SQLite's error messages,
// name parsing, the parameter table, and the two depth limits SQLite enforces while parsing
// (the LALR stack limit "Recursion limit" and the expression height limit).

import { SqliteError } from '../common/errors.js';
import type { Expr, Name, QualifiedName } from './ast.js';
import { FALLBACK_ID, JOIN_KEYWORDS } from './keywords.js';
import { Scanner, dequote, type TokenType } from './tokenizer.js';

/** SQLITE_LIMIT_EXPR_DEPTH default. */
export const MAX_EXPR_DEPTH = 1000;
/** SQLITE_LIMIT_PARSER_DEPTH default: LALR stack entries. */
export const MAX_PARSER_DEPTH = 2500;
/** SQLITE_LIMIT_VARIABLE_NUMBER default. */
export const MAX_VARIABLE_NUMBER = 32766;
/** SQLITE_LIMIT_FUNCTION_ARG in the reference build. */
export const MAX_FUNCTION_ARGS = 1000;
/** SQLITE_LIMIT_COMPOUND_SELECT default. */
export const MAX_COMPOUND_SELECT = 500;

export function syntaxError(message: string): SqliteError {
  return new SqliteError(message, 'SQLITE_ERROR');
}

/**
 * Token cursor. Invariant: `type/start/end` describe the current (not yet consumed) significant
 * token; `prevEnd` is the end of the last consumed token (used to close node spans).
 */
export class ParserState {
  readonly sql: string;
  private readonly scanner: Scanner;
  type: TokenType = 'SEMI';
  start = 0;
  end = 0;
  prevEnd = 0;
  prevType: TokenType = 'SEMI';

  /**
   * Approximate LALR stack depth of SQLite's parser at this point (calibrated against SQLite:
   * the bottom entry plus the command's first symbol are the initial 2).
   */
  private stackDepth = 2;
  /** Expression heights as SQLite computes them (exprSetHeight). */
  private readonly heights = new Map<Expr, number>();

  /** Parameter slots: names[i] names slot i+1. */
  paramCount = 0;
  paramNames: (string | null)[] = [];
  private readonly paramIndexByName = new Map<string, number>();

  /**
   * An error SQLite raises in a grammar action, i.e. when the rule is reduced. That happens only
   * once the token after the construct is known to be valid, so it is thrown when that token is
   * consumed (a syntax error at that token wins).
   */
  pendingError: SqliteError | null = null;
  /** An error SQLite raises while generating code (after a complete parse), e.g. a too-big hex literal. */
  deferredError: SqliteError | null = null;

  /**
   * ALTER TABLE reads stored SQL with every name kept (SQLite's IN_RENAME_OBJECT): `0 AND x` is not
   * folded to 0 then (see foldFalseAnd in expressions.ts).
   */
  keepAllNames = false;
  /** Set while parsing a trigger body: qualified table names are errors there. */
  inTrigger = false;
  /** > 0 while parsing the body of a common table expression. */
  cteBodyDepth = 0;
  /** An error SQLite raises when a trigger step is complete (seen its `;`). */
  triggerStepError: SqliteError | null = null;

  constructor(sql: string, offset: number) {
    this.sql = sql;
    this.scanner = new Scanner(sql);
    this.end = offset;
    this.advance();
  }

  /** The current token type, read through a call so TypeScript does not keep a stale narrowing. */
  current(): TokenType {
    return this.type;
  }

  /** Text of the current token as written. */
  get text(): string {
    return this.sql.slice(this.start, this.end);
  }

  /** Moves to the next significant token, raising SQLite's tokenizer errors. */
  advance(): void {
    if (this.pendingError) throw this.pendingError;
    this.prevEnd = this.end;
    this.prevType = this.type;
    let pos = this.end;
    for (;;) {
      const type = this.scanner.scan(pos);
      if (type === 'SPACE' || type === 'COMMENT') {
        pos = this.scanner.end;
        continue;
      }
      this.start = pos;
      this.end = this.scanner.end;
      this.type = type;
      break;
    }
    switch (this.type) {
      case 'ILLEGAL':
        throw syntaxError(`unrecognized token: "${this.text}"`);
      case 'WINDOW':
        if (!this.windowIsKeyword()) this.type = 'ID';
        break;
      case 'OVER':
        if (!(this.prevType === 'RP' && this.peekIsIdOr('LP'))) this.type = 'ID';
        break;
      case 'FILTER':
        if (!(this.prevType === 'RP' && this.peekType(this.end) === 'LP')) this.type = 'ID';
        break;
      default:
        break;
    }
  }

  /** The type of the first significant token at or after `pos` (no errors raised). */
  peekType(pos: number): TokenType {
    for (;;) {
      const type = this.scanner.scan(pos);
      if (type !== 'SPACE' && type !== 'COMMENT') return type;
      pos = this.scanner.end;
    }
  }

  /** Like peekType, but returns the token's end too (via the scanner). */
  private peekToken(pos: number): { type: TokenType; end: number } {
    const type = this.peekType(pos);
    return { type, end: this.scanner.end };
  }

  /** SQLite's getToken() classification used by the window keyword analysis. */
  private static idLike(type: TokenType): boolean {
    return (
      type === 'ID' ||
      type === 'STRING' ||
      JOIN_KEYWORDS.has(type) ||
      type === 'WINDOW' ||
      type === 'OVER' ||
      FALLBACK_ID.has(type)
    );
  }

  private peekIsIdOr(other: TokenType): boolean {
    const type = this.peekType(this.end);
    return type === other || ParserState.idLike(type);
  }

  /** WINDOW is a keyword only when followed by an identifier and then AS. */
  private windowIsKeyword(): boolean {
    const first = this.peekToken(this.end);
    if (!ParserState.idLike(first.type)) return false;
    return this.peekType(first.end) === 'AS';
  }

  /** The type of the token after the current one. */
  peekNext(): TokenType {
    return this.peekType(this.end);
  }

  /** The type of the token two after the current one. */
  peekAfterNext(): TokenType {
    const next = this.peekToken(this.end);
    return this.peekType(next.end);
  }

  // ------------------------------------------------------------------------------------------
  // Errors

  /** `near "X": syntax error` for the current token, or `incomplete input` at the end. */
  error(): SqliteError {
    if (this.type === 'EOF') return syntaxError('incomplete input');
    return syntaxError(`near "${this.text}": syntax error`);
  }

  fail(): never {
    throw this.error();
  }

  /** Raises `error` when the next token is consumed (see pendingError). */
  failOnReduce(error: SqliteError): void {
    this.pendingError ??= error;
  }

  /** Raises `error` after the statement parsed completely (see deferredError). */
  failLater(error: SqliteError): void {
    this.deferredError ??= error;
  }

  // ------------------------------------------------------------------------------------------
  // Matching

  is(type: TokenType): boolean {
    return this.type === type;
  }

  /** Consumes the current token if it has `type`. */
  accept(type: TokenType): boolean {
    if (this.type !== type) return false;
    this.advance();
    return true;
  }

  expect(type: TokenType): void {
    if (this.type !== type) this.fail();
    this.advance();
  }

  /** true when the current token can be an `id` (ID, INDEXED, or a fallback keyword). */
  isId(): boolean {
    return this.type === 'ID' || this.type === 'INDEXED' || FALLBACK_ID.has(this.type);
  }

  /** true when the current token can be an `nm`: id, STRING, or a join keyword. */
  isNm(): boolean {
    return this.isId() || this.type === 'STRING' || JOIN_KEYWORDS.has(this.type);
  }

  /** true when the current token can be an `ids`: ID (or fallback keyword) or STRING. */
  isIds(): boolean {
    return this.type === 'ID' || this.type === 'STRING' || FALLBACK_ID.has(this.type);
  }

  /** Builds a Name from the current token and consumes it. */
  takeName(): Name {
    const raw = this.text;
    const c = raw.charCodeAt(0);
    const quoted = c === 34 || c === 39 || c === 96 || c === 91;
    const name: Name = { text: quoted ? dequote(raw) : raw, quoted, start: this.start, end: this.end };
    this.advance();
    return name;
  }

  /** `nm`: an identifier, a string, or a join keyword. */
  parseNm(): Name {
    if (!this.isNm()) this.fail();
    return this.takeName();
  }

  /** `ids`: an identifier or a string. */
  parseIds(): Name {
    if (!this.isIds()) this.fail();
    return this.takeName();
  }

  /** `nm [. nm]` as [schema.]name. */
  parseQualifiedName(): QualifiedName {
    const first = this.parseNm();
    if (this.accept('DOT')) return { schema: first, name: this.parseNm() };
    return { schema: null, name: first };
  }

  /** `( nm, nm, ... )` — the current token must be LP. */
  parseNameList(): Name[] {
    this.expect('LP');
    const names = [this.parseNm()];
    while (this.accept('COMMA')) names.push(this.parseNm());
    this.expect('RP');
    return names;
  }

  // ------------------------------------------------------------------------------------------
  // Depth limits

  /** Records `entries` LALR stack entries held while a nested construct is parsed. */
  push(entries: number): void {
    this.stackDepth += entries;
    if (this.stackDepth > MAX_PARSER_DEPTH) throw syntaxError('Recursion limit');
  }

  pop(entries: number): void {
    this.stackDepth -= entries;
  }

  heightOf(expr: Expr | null | undefined): number {
    if (!expr) return 0;
    return this.heights.get(expr) ?? 1;
  }

  /** Sets a node's height (1 + tallest child) and enforces the depth limit, as sqlite3PExpr does. */
  withHeight<E extends Expr>(expr: E, childHeight: number, check = true): E {
    const height = childHeight + 1;
    if (height > 1) this.heights.set(expr, height);
    if (check && height > MAX_EXPR_DEPTH) {
      throw syntaxError(`Expression tree is too large (maximum depth ${MAX_EXPR_DEPTH})`);
    }
    return expr;
  }

  /** A copy of `expr` whose span is widened to [start, end) (used for parentheses). */
  respan(expr: Expr, start: number, end: number): Expr {
    const copy = { ...expr, start, end };
    const height = this.heights.get(expr);
    if (height !== undefined) this.heights.set(copy, height);
    return copy;
  }

  maxHeight(exprs: readonly (Expr | null | undefined)[]): number {
    let max = 0;
    for (const e of exprs) {
      const h = this.heightOf(e);
      if (h > max) max = h;
    }
    return max;
  }

  // ------------------------------------------------------------------------------------------
  // Parameters (sqlite3ExprAssignVarNumber)

  /** Assigns the binding slot of a parameter token (`?`, `?NNN`, `:x`, `@x`, `$x`, `#x`). */
  assignParameter(token: string): { index: number; name: string | null } {
    if (token.length === 1) {
      const index = ++this.paramCount;
      this.paramNames[index - 1] = null;
      return { index, name: null };
    }
    let index: number;
    if (token[0] === '?') {
      const digits = token.slice(1);
      const value = digits.length > 12 ? Infinity : Number(digits);
      if (!(value >= 1 && value <= MAX_VARIABLE_NUMBER)) {
        this.failOnReduce(syntaxError(`variable number must be between ?1 and ?${MAX_VARIABLE_NUMBER}`));
        return { index: 1, name: token };
      }
      index = value;
      if (index > this.paramCount) {
        for (let i = this.paramCount; i < index - 1; i++) this.paramNames[i] ??= null;
        this.paramCount = index;
      }
      if (this.paramNames[index - 1] == null) this.paramNames[index - 1] = token;
      if (!this.paramIndexByName.has(token)) this.paramIndexByName.set(token, index);
      return { index, name: token };
    }
    const known = this.paramIndexByName.get(token);
    if (known !== undefined) return { index: known, name: token };
    index = ++this.paramCount;
    if (index > MAX_VARIABLE_NUMBER) this.failOnReduce(syntaxError('too many SQL variables'));
    this.paramNames[index - 1] = token;
    this.paramIndexByName.set(token, index);
    return { index, name: token };
  }
}
