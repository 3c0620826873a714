// The renderings of values the runners use: fixed points checked against SQLite 3.53's documented output.

import { describe, expect, it } from 'vitest';
import { printfFixed, realToInt64, realToText, textToInt64, textToReal } from '../src/sqlite-text.js';

describe('SQLite text renderings', () => {
  it('renders REAL values as SQLite 3.53 does', () => {
    expect(realToText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(realToText(1)).toBe('1.0');
    expect(realToText(-0)).toBe('0.0');
    expect(realToText(1e16)).toBe('10000000000000000.0');
    expect(realToText(1e17)).toBe('1.0e+17');
    expect(realToText(1e-5)).toBe('1.0e-05');
    expect(realToText(Infinity)).toBe('Inf');
  });

  it('renders printf %.3f as SQLite does', () => {
    expect(printfFixed(2.5, 3)).toBe('2.500');
    expect(printfFixed(-0.0004, 3)).toBe('-0.000');
    expect(printfFixed(1 / 3, 3)).toBe('0.333');
    expect(printfFixed(0.0625, 3)).toBe('0.063');
  });

  it('converts text and reals to integers the way sqlite3_column_int64 does', () => {
    expect(textToInt64('  42abc')).toBe(42n);
    expect(textToInt64('abc')).toBe(0n);
    expect(textToInt64('99999999999999999999')).toBe(0x7fffffffffffffffn);
    expect(realToInt64(-2.9)).toBe(-2n);
    expect(realToInt64(1e300)).toBe(0x7fffffffffffffffn);
    expect(textToReal('1.5e2xyz')).toBe(150);
    expect(textToReal('x')).toBe(0);
  });
});
