// Fuzzed scripts use parameters (?, ?7, :a, @a, $a) they never bind; SQLite's fuzz harness runs
// them with every parameter NULL. better-sqlite3 (and Tandem's API, which copies it) refuses to run
// a statement with unbound parameters, so the runner binds NULL to each one itself, in the shape
// better-sqlite3 expects: one positional value per slot without a name (each '?', and the slots a
// '?NNN' skips over), and one object for the named ones ('?7', ':a', '@a', '$a'), keyed by the name
// without its first character.

const IDENT = /[A-Za-z0-9_$\u0080-\uffff]/;

/** The bind arguments that set every parameter of the statement to NULL (empty when it has none). */
export function nullParameters(sql: string): unknown[] {
  let slots = 0; // SQLite's parameter count so far
  const named: Record<string, null> = {};
  const seen: Record<string, true> = {};
  let namedCount = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let k = i + 1;
      while (k < sql.length) {
        if (sql[k] === close) {
          if (close !== ']' && sql[k + 1] === close) {
            k += 2;
            continue;
          }
          break;
        }
        k++;
      }
      i = k + 1;
    } else if (c === '?') {
      let k = i + 1;
      while (k < sql.length && sql[k]! >= '0' && sql[k]! <= '9') k++;
      if (k === i + 1) slots++;
      else {
        const number = Number(sql.slice(i + 1, k));
        slots = Math.max(slots, number);
        if (!(`?${number}` in seen)) {
          seen[`?${number}`] = true;
          namedCount++;
          named[sql.slice(i + 1, k)] = null;
        }
      }
      i = k;
    } else if (c === '\u0000') {
      break; // SQLite's tokenizer ends the statement at a NUL
    } else if ((c === ':' || c === '@' || c === '$' || c === '#') && i + 1 < sql.length && IDENT.test(sql[i + 1]!)) {
      let k = i + 1;
      while (k < sql.length && IDENT.test(sql[k]!)) k++;
      const name = sql.slice(i, k);
      if (!(name in seen)) {
        seen[name] = true;
        slots++;
        namedCount++; // (a name's slot is counted once, whatever its spelling: ':a' and '$a' differ)
        named[name.slice(1)] = null;
      }
      i = k;
    } else if (IDENT.test(c)) {
      // A whole word, so a '$' inside an identifier (a$b) is not taken for a parameter.
      while (i < sql.length && IDENT.test(sql[i]!)) i++;
    } else i++;
  }
  // Past SQLite's limit (32766) the statement cannot prepare at all: bind nothing.
  if (slots > 32766) return [];
  const args: unknown[] = new Array<null>(Math.max(0, slots - namedCount)).fill(null);
  if (namedCount > 0) args.push(named);
  return args;
}
