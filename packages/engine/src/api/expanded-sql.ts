// The text the verbose logger receives: the statement's SQL with each parameter replaced by its bound
// value as an SQL literal, as sqlite3_expanded_sql renders it (vdbetrace.c): NULL, integers, reals with
// "%!.15g", quoted text, x'..' blobs.

import type { SqlValue } from '../common/values.js';
import { Scanner } from '../parser/tokenizer.js';

/**
 * `sql` with its parameters replaced by `values` (slot i+1 -> values[i]); `slotOfName` gives the slot of
 * a named parameter (":x", "@x", "$x"), or 0 when unknown.
 */
export function expandSql(sql: string, values: readonly SqlValue[], slotOfName: (name: string) => number): string {
  const scanner = new Scanner(sql);
  let out = '';
  let copiedUpTo = 0;
  let nextIndex = 1;
  for (let pos = 0; pos < scanner.length; ) {
    const type = scanner.scan(pos);
    const end = Math.max(scanner.end, pos + 1);
    if (type === 'EOF') break;
    if (type === 'VARIABLE') {
      const token = sql.slice(pos, end);
      let index: number;
      if (token[0] === '?') index = token.length > 1 ? Number(token.slice(1)) : nextIndex;
      else index = slotOfName(token);
      nextIndex = Math.max(index + 1, nextIndex);
      out += sql.slice(copiedUpTo, pos) + literal(values[index - 1] ?? null);
      copiedUpTo = end;
    }
    pos = end;
  }
  return out + sql.slice(copiedUpTo);
}

function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return realLiteral(value);
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  let hex = '';
  for (const byte of value) hex += byte.toString(16).padStart(2, '0');
  return `x'${hex}'`;
}

/** printf("%!.15g"): 15 significant digits, trailing zeros dropped, ".0" kept on integral values. */
function realLiteral(r: number): string {
  if (Number.isNaN(r)) return 'NULL';
  if (!Number.isFinite(r)) return r > 0 ? 'Inf' : '-Inf';
  if (r === 0) return '0.0'; // -0.0 too, as SQLite prints it
  const [mantissa, exponentText] = r.toExponential(14).split('e') as [string, string];
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '').replace(/0+$/, '') || '0';
  if (exponent < -4 || exponent >= 15) {
    const fraction = digits.length > 1 ? digits.slice(1) : '0';
    const magnitude = Math.abs(exponent);
    return `${sign}${digits[0]}.${fraction}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integerDigits = exponent + 1;
  if (digits.length <= integerDigits) return `${sign}${digits}${'0'.repeat(integerDigits - digits.length)}.0`;
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}
