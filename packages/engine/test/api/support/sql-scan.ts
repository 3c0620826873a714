// A small SQL scanner for the oracle-backed test connection: finds where the first statement ends
// and which parameter slots it has, numbering them as SQLite does (sqlite3ExprAssignVarNumber).
// Not a parser: enough for the test scenarios (no CREATE TRIGGER bodies).

export interface ScannedStatement {
  /** The first statement's text, with its terminating ';' (as sqlite3_sql reports it). */
  sql: string;
  /** The text after the ';' (or '' at the end). */
  tail: string;
  /** Slot names, index i-1 for slot i: ":x", "@x", "$x", "?5", or null for "?". */
  parameterNames: (string | null)[];
  /** true when the statement holds only whitespace and comments. */
  empty: boolean;
}

export function scanFirstStatement(text: string): ScannedStatement {
  const names: (string | null)[] = [];
  const byName = new Map<string, number>();
  let empty = true;
  let i = 0;
  const n = text.length;
  const slotFor = (name: string | null, explicit?: number): void => {
    if (explicit !== undefined) {
      while (names.length < explicit) names.push(null);
      names[explicit - 1] = name;
      if (name) byName.set(name, explicit);
      return;
    }
    if (name !== null && byName.has(name)) return;
    names.push(name);
    if (name !== null) byName.set(name, names.length);
  };
  while (i < n) {
    const c = text[i]!;
    if (c === ';') return { sql: text.slice(0, i + 1), tail: text.slice(i + 1), parameterNames: names, empty };
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    empty = false;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      for (; j < n; j++) {
        if (text[j] === close) {
          if (close !== ']' && text[j + 1] === close) j++;
          else break;
        }
      }
      i = j + 1;
      continue;
    }
    if (c === '?') {
      let j = i + 1;
      while (j < n && /[0-9]/.test(text[j]!)) j++;
      if (j > i + 1) slotFor(text.slice(i, j), Number(text.slice(i + 1, j)));
      else slotFor(null);
      i = j;
      continue;
    }
    if ((c === ':' || c === '@' || c === '$') && /[A-Za-z0-9_]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(text[j]!)) j++;
      slotFor(text.slice(i, j));
      i = j;
      continue;
    }
    i++;
  }
  return { sql: text, tail: '', parameterNames: names, empty };
}
