// JSON5 whitespace and comments as SQLite's json5Whitespace() recognises them: ASCII spaces,
// \v \f, NBSP, the Unicode space separators, line/paragraph separators, BOM, /* */ and // comments.

/** Length of JSON5 whitespace and comments at z[i] (0 when none). */
export function json5Whitespace(z: Uint8Array, i: number): number {
  let n = 0;
  for (;;) {
    const c = z[i + n] ?? 0;
    switch (c) {
      case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20:
        n++;
        continue;
      case 0x2f:
        if (z[i + n + 1] === 0x2a && (z[i + n + 2] ?? 0) !== 0) {
          let j = n + 3;
          while ((z[i + j] ?? 0) !== 0 && !(z[i + j] === 0x2f && z[i + j - 1] === 0x2a)) j++;
          if ((z[i + j] ?? 0) === 0) return n;
          n = j + 1;
          continue;
        }
        if (z[i + n + 1] === 0x2f) {
          let j = n + 2;
          for (; (z[i + j] ?? 0) !== 0; j++) {
            const d = z[i + j]!;
            if (d === 0x0a || d === 0x0d) break;
            if (d === 0xe2 && z[i + j + 1] === 0x80 && (z[i + j + 2] === 0xa8 || z[i + j + 2] === 0xa9)) break;
          }
          n = j;
          if ((z[i + n] ?? 0) !== 0) n++;
          continue;
        }
        return n;
      case 0xc2:
        if (z[i + n + 1] === 0xa0) {
          n += 2;
          continue;
        }
        return n;
      case 0xe1:
        if (z[i + n + 1] === 0x9a && z[i + n + 2] === 0x80) {
          n += 3;
          continue;
        }
        return n;
      case 0xe2: {
        const b1 = z[i + n + 1];
        const b2 = z[i + n + 2] ?? 0;
        if (b1 === 0x80 && (b2 <= 0x8a || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf)) {
          n += 3;
          continue;
        }
        if (b1 === 0x81 && b2 === 0x9f) {
          n += 3;
          continue;
        }
        return n;
      }
      case 0xe3:
        if (z[i + n + 1] === 0x80 && z[i + n + 2] === 0x80) {
          n += 3;
          continue;
        }
        return n;
      case 0xef:
        if (z[i + n + 1] === 0xbb && z[i + n + 2] === 0xbf) {
          n += 3;
          continue;
        }
        return n;
      default:
        return n;
    }
  }
}

