// Compares what the shell printed with a test's expectation, as Turso's runner does: exact lines
// (each trimmed, unless `raw`), unordered lines, a regular expression over the whole output, or
// an error whose message matches a regular expression.

import type { Expectation } from './parse.js';
import type { ShellOutput } from './shell.js';

/** A JS RegExp from a Rust-regex pattern: leading inline flags like (?i) / (?s) become JS flags. */
export function toRegExp(pattern: string): RegExp {
  let flags = '';
  let body = pattern;
  const inline = /^\(\?([imsx]+)\)/.exec(body);
  if (inline) {
    flags = inline[1]!.replace('x', '');
    body = body.slice(inline[0].length);
  }
  try {
    return new RegExp(body, flags);
  } catch {
    // Not a valid JS expression: match it literally.
    return new RegExp(body.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  }
}

/** Returns null when the output satisfies the expectation, else the reason it does not. */
export function compareOutput(output: ShellOutput, expectation: Expectation): string | null {
  if (expectation.kind === 'error') {
    if (!output.error) return `expected an error${expectation.pattern ? ` matching /${expectation.pattern}/` : ''}, got:\n${output.lines.join('\n')}`;
    if (expectation.pattern && !toRegExp(expectation.pattern).test(output.error.message)) {
      return `error ${JSON.stringify(output.error.message)} does not match /${expectation.pattern}/`;
    }
    return null;
  }
  if (output.error) return `unexpected error: ${output.error.code}: ${output.error.message}`;
  switch (expectation.kind) {
    case 'pattern': {
      const text = output.lines.join('\n').trim();
      return toRegExp(expectation.pattern).test(text) ? null : `output ${JSON.stringify(text)} does not match /${expectation.pattern}/`;
    }
    case 'unordered': {
      const actual = output.lines.map((l) => l.trim()).filter((l) => l !== '').sort();
      const expected = [...expectation.lines].sort();
      return actual.join('\n') === expected.join('\n') ? null : describeDifference(expected, actual, 'unordered');
    }
    case 'exact': {
      const actual = expectation.raw ? output.lines : output.lines.map((l) => l.trim());
      const expected = expectation.lines;
      // An empty block stands for "no output".
      if (actual.length === 0 && expected.length === 1 && expected[0] === '') return null;
      return actual.join('\n') === expected.join('\n') ? null : describeDifference(expected, actual, 'exact');
    }
  }
}

function describeDifference(expected: string[], actual: string[], mode: string): string {
  const show = (lines: string[]): string => (lines.length > 12 ? [...lines.slice(0, 12), `… (${lines.length} lines)`] : lines).join('\n    ');
  return `output differs (${mode}):\n  expected:\n    ${show(expected)}\n  actual:\n    ${show(actual)}`;
}
