// Runs a block of SQL the way the sqlite3 shell does with input on stdin, in list mode: statements
// one after another, each result row printed as its values joined by '|' (NULL as empty text,
// REAL as printf('%!.15g'), BLOB as its raw bytes). The first error ends the run.
// Dot-commands supported: `.headers on|off`; any other one is reported as an error.

import { DriverError, type SqlDriver, type SqlValue } from '../driver.js';
import { blobToText, realToShellText } from '../sqlite-text.js';
import { isComplete, splitStatements } from '../sql/split.js';

export interface ShellOutput {
  /** Printed lines (a value containing a newline spans several lines). */
  lines: string[];
  error: { code: string; message: string } | null;
}

/** One value as list mode prints it; text and blobs go through C's "%s", so they end at a NUL. */
export function renderListValue(value: SqlValue): string {
  if (value === null) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return realToShellText(value);
  const text = typeof value === 'string' ? value : blobToText(value);
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

/** Splits shell input into SQL text and dot-command lines (a '.' line outside any statement). */
function segments(input: string): { sql?: string; command?: string }[] {
  const out: { sql?: string; command?: string }[] = [];
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.join('\n').trim() !== '') out.push({ sql: pending.join('\n') });
    pending = [];
  };
  for (const line of input.split('\n')) {
    if (line.trimStart().startsWith('.') && isComplete(pending.join('\n'))) {
      flush();
      out.push({ command: line.trim() });
    } else pending.push(line);
  }
  flush();
  return out;
}

export interface ShellState {
  headers: boolean;
}

export function runShellInput(driver: SqlDriver, input: string, state: ShellState = { headers: false }): ShellOutput {
  const lines: string[] = [];
  const print = (text: string): void => {
    for (const l of text.split('\n')) lines.push(l);
  };
  for (const segment of segments(input)) {
    if (segment.command !== undefined) {
      const [name, arg] = segment.command.split(/\s+/);
      if (name === '.headers' && (arg === 'on' || arg === 'off')) {
        state.headers = arg === 'on';
        continue;
      }
      return { lines, error: { code: 'SHELL', message: `unsupported dot-command: ${segment.command}` } };
    }
    for (const statement of splitStatements(segment.sql!)) {
      let columns: string[];
      let rows: SqlValue[][];
      let error: DriverError | null = null;
      try {
        ({ columns, rows } = driver.query(statement.sql));
      } catch (e) {
        if (!(e instanceof DriverError)) throw e;
        error = e;
        columns = e.partial?.columns ?? [];
        rows = e.partial?.rows ?? [];
      }
      if (rows.length > 0 && state.headers) print(columns.join('|'));
      for (const row of rows) print(row.map(renderListValue).join('|'));
      if (error) return { lines, error: { code: error.code, message: error.message } };
    }
  }
  return { lines, error: null };
}
