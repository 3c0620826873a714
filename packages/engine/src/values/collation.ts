// SQLite's built-in collating sequences (BINARY, NOCASE, RTRIM) and the registry type for
// user-defined ones. A collation compares two TEXT values and returns <0, 0 or >0.

export type Collation = (a: string, b: string) => number;

/**
 * BINARY: the order of the UTF-8 bytes, which is code point order. JS compares UTF-16 code units,
 * which differs from code point order only when a surrogate meets a unit >= 0xE000; remap those.
 */
export function binaryCollation(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrderKey(x) - codePointOrderKey(y);
  }
  return a.length - b.length;
}

function codePointOrderKey(unit: number): number {
  if (unit < 0xd800) return unit;
  if (unit >= 0xe000) return unit - 0x800;
  return unit + 0x2000;
}

/** NOCASE: like BINARY after folding ASCII A-Z to a-z (SQLite folds nothing else). */
export function nocaseCollation(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return codePointOrderKey(x) - codePointOrderKey(y);
  }
  return a.length - b.length;
}

/** RTRIM: like BINARY, ignoring trailing spaces. */
export function rtrimCollation(a: string, b: string): number {
  return binaryCollation(trimTrailingSpaces(a), trimTrailingSpaces(b));
}

function trimTrailingSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Maps a text to a key that is equal for two texts exactly when `collation` calls them equal. */
export type TextKey = (text: string) => string;

/** The TextKey of a built-in collation (undefined for BINARY, which needs none); null for a user-defined one. */
export function textKeyOf(collation: Collation): TextKey | undefined | null {
  if (collation === binaryCollation) return undefined;
  if (collation === nocaseCollation) return (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  if (collation === rtrimCollation) return trimTrailingSpaces;
  return null;
}

export const builtinCollations: ReadonlyMap<string, Collation> = new Map([
  ['BINARY', binaryCollation],
  ['NOCASE', nocaseCollation],
  ['RTRIM', rtrimCollation],
]);
