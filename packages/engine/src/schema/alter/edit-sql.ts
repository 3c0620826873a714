// Token substitution in stored CREATE text, as SQLite's renameEditSql does: every listed token
// is replaced by the new name, bare or double-quoted, leaving all other text untouched.

import { isIdChar } from '../../parser/tokenizer.js';
import type { Span } from '../../parser/ast.js';

/** `"name"` with embedded double quotes doubled (SQLite's "%w" inside double quotes). */
export function quoteIdentifier(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

/**
 * Replaces each token span in `sql` by `newName`. A token written bare (starting with an
 * identifier character) becomes the bare new name unless `alwaysQuote`; any other token (and
 * every token when `alwaysQuote`) becomes `"newName"`, followed by a space when the next
 * character is `"` (so that two quoted names never fuse). Duplicate spans count once.
 */
export function replaceTokens(sql: string, tokens: readonly Span[], newName: string, alwaysQuote: boolean): string {
  const byStart = new Map<number, Span>();
  for (const token of tokens) byStart.set(token.start, token);
  const ordered = [...byStart.values()].sort((a, b) => a.start - b.start);
  const quoted = quoteIdentifier(newName);
  let out = '';
  let at = 0;
  for (const token of ordered) {
    out += sql.slice(at, token.start);
    if (!alwaysQuote && isIdChar(sql.charCodeAt(token.start))) out += newName;
    else out += sql.charAt(token.end) === '"' ? `${quoted} ` : quoted;
    at = token.end;
  }
  return out + sql.slice(at);
}
