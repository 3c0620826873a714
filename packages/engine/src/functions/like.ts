// LIKE and GLOB pattern matching (SQLite's patternCompare): LIKE is case-insensitive for ASCII
// letters only, with % and _ and an optional ESCAPE character; GLOB is case-sensitive with
// *, ?, [...] classes and no escape.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { valueToText } from '../values/cast.js';
import { cText } from './define.js';
import { utf8Length } from './printf.js';
import type { FunctionRegistry } from './registry.js';

interface PatternInfo {
  matchAll: string;
  matchOne: string;
  matchSet: string | null;
  noCase: boolean;
}

/** SQLite's default SQLITE_LIMIT_LIKE_PATTERN_LENGTH. */
const LIKE_PATTERN_LIMIT = 50000;

const LIKE: PatternInfo = { matchAll: '%', matchOne: '_', matchSet: null, noCase: true };
const GLOB: PatternInfo = { matchAll: '*', matchOne: '?', matchSet: '[', noCase: false };

function fold(c: string, noCase: boolean): string {
  return noCase && c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
}

/** patternCompare's outcomes. NoWildcardMatch: the text ran out under a wildcard, so no later start can match either. */
const enum Match {
  Match,
  NoMatch,
  NoWildcardMatch,
}

/** true when `text` matches `pattern` (both as arrays of code points). */
function matches(pattern: string[], text: string[], info: PatternInfo, escape: string | null): boolean {
  // Iterative matcher with backtracking on the last wildcard, like SQLite's recursive one, and its
  // early stop: a wildcard that found no match for any rest of the text fails every enclosing one
  // too (without it, '%a%a%a...%b' backtracks exponentially).
  const match = (p: number, t: number): Match => {
    while (p < pattern.length) {
      const c = pattern[p]!;
      if (c === info.matchAll && c !== escape) {
        while (p < pattern.length && (pattern[p] === info.matchAll || pattern[p] === info.matchOne) && pattern[p] !== escape) {
          if (pattern[p] === info.matchOne) {
            if (t >= text.length) return Match.NoWildcardMatch;
            t++;
          }
          p++;
        }
        if (p === pattern.length) return Match.Match;
        for (let k = t; k < text.length; k++) {
          const r = match(p, k);
          if (r !== Match.NoMatch) return r;
        }
        return Match.NoWildcardMatch;
      }
      if (c === info.matchOne && c !== escape) {
        if (t >= text.length) return Match.NoMatch;
        p++;
        t++;
        continue;
      }
      if (info.matchSet && c === info.matchSet) {
        if (t >= text.length) return Match.NoMatch;
        let q = p + 1;
        let invert = false;
        if (pattern[q] === '^') {
          invert = true;
          q++;
        }
        let seen = false;
        const ch = text[t]!;
        if (pattern[q] === ']') {
          if (ch === ']') seen = true;
          q++;
        }
        let previous = '';
        while (q < pattern.length && pattern[q] !== ']') {
          if (pattern[q] === '-' && previous !== '' && q + 1 < pattern.length && pattern[q + 1] !== ']') {
            if (ch >= previous && ch <= pattern[q + 1]!) seen = true;
            previous = '';
            q += 2;
            continue;
          }
          previous = pattern[q]!;
          if (ch === previous) seen = true;
          q++;
        }
        if (q >= pattern.length) return Match.NoMatch;
        if (seen === invert) return Match.NoMatch;
        p = q + 1;
        t++;
        continue;
      }
      let literal = c;
      if (escape !== null && c === escape) {
        p++;
        if (p >= pattern.length) return Match.NoMatch;
        literal = pattern[p]!;
      }
      if (t >= text.length || fold(literal, info.noCase) !== fold(text[t]!, info.noCase)) return Match.NoMatch;
      p++;
      t++;
    }
    return t === text.length ? Match.Match : Match.NoMatch;
  };
  return match(0, 0) === Match.Match;
}

function likeFunction(info: PatternInfo) {
  return (args: readonly SqlValue[]): SqlValue => {
    const [pattern, text, escapeArg] = args;
    // better-sqlite3 builds SQLite with SQLITE_LIKE_DOESNT_MATCH_BLOBS: a BLOB on either side never matches,
    // checked before NULLs and the escape argument.
    if (pattern instanceof Uint8Array || text instanceof Uint8Array) return 0n;
    if (pattern === null || text === null || pattern === undefined || text === undefined) return null;
    let escape: string | null = null;
    if (args.length > 2) {
      if (escapeArg === null) return null;
      const e = Array.from(cText(escapeArg!));
      if (e.length !== 1) throw new SqliteError('ESCAPE expression must be a single character');
      escape = e[0]!;
    }
    // SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 50000 bytes, counted before the NUL cut (sqlite3_value_bytes).
    const whole = valueToText(pattern);
    const bytes = whole.length * 3 <= LIKE_PATTERN_LIMIT ? 0 : utf8Length(whole);
    if (bytes > LIKE_PATTERN_LIMIT) throw new SqliteError('LIKE or GLOB pattern too complex');
    return matches(Array.from(cText(pattern)), Array.from(cText(text)), info, escape) ? 1n : 0n;
  };
}

export function registerLike(registry: FunctionRegistry): void {
  registry.addScalar({ name: 'like', argCount: 2, deterministic: true, invoke: likeFunction(LIKE) });
  registry.addScalar({ name: 'like', argCount: 3, deterministic: true, invoke: likeFunction(LIKE) });
  registry.addScalar({ name: 'glob', argCount: 2, deterministic: true, invoke: likeFunction(GLOB) });
}

/** PRAGMA case_sensitive_like: redefines like() for one connection (`registry`), as SQLite does. */
export function registerCaseSensitiveLike(registry: FunctionRegistry, caseSensitive: boolean): void {
  const info: PatternInfo = { ...LIKE, noCase: !caseSensitive };
  registry.addScalar({ name: 'like', argCount: 2, deterministic: true, invoke: likeFunction(info) });
  registry.addScalar({ name: 'like', argCount: 3, deterministic: true, invoke: likeFunction(info) });
}
