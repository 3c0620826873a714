// better-sqlite3's rule for what may follow the one statement given to prepare(): whitespace,
// semicolons and comments only (an unterminated block comment runs to the end).

/** true when `tail` holds nothing but whitespace, ';' and comments. */
export function isIgnorableTail(tail: string): boolean {
  let i = 0;
  const n = tail.length;
  while (i < n) {
    const c = tail.charCodeAt(i);
    // ' ', ';', and '\t'..'\r' as in better-sqlite3's IS_SKIPPED.
    if (c === 0x20 || c === 0x3b || (c >= 0x09 && c <= 0x0d)) {
      i++;
    } else if (c === 0x2f && tail.charCodeAt(i + 1) === 0x2a) {
      const end = tail.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === 0x2d && tail.charCodeAt(i + 1) === 0x2d) {
      const end = tail.indexOf('\n', i + 2);
      i = end < 0 ? n : end + 1;
    } else {
      return false;
    }
  }
  return true;
}
