// The in-memory form of a JSON value while functions work on it: scalars keep their JSONB element
// type and payload bytes (number text, string body with its escapes), containers keep children.
// toJsonb/fromJsonb convert to and from SQLite's JSONB binary format (header: low nibble = type,
// high nibble = payload size or the width of a size field that follows).

export const enum JType {
  Null = 0,
  True = 1,
  False = 2,
  Int = 3,
  Int5 = 4,
  Float = 5,
  Float5 = 6,
  Text = 7,
  TextJ = 8,
  Text5 = 9,
  TextRaw = 10,
  Array = 11,
  Object = 12,
}

export type ScalarType = Exclude<JType, JType.Array | JType.Object>;
export interface JScalar {
  readonly type: ScalarType;
  readonly payload: Uint8Array;
  /** Header width to write (SQLite keeps wider-than-needed headers it read or widened in an edit). */
  hdr?: number;
}
export interface JContainer {
  readonly type: JType.Array | JType.Object;
  readonly items: JNode[];
  /** Header width read from JSONB, kept while the payload size stays `size0`. */
  hdr?: number;
  size0?: number;
}
export type JNode = JScalar | JContainer;

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);

export function scalarNode(type: ScalarType, payload: Uint8Array | string = EMPTY): JScalar {
  return { type, payload: typeof payload === 'string' ? utf8.encode(payload) : payload };
}

export const isContainer = (n: JNode): n is JContainer => n.type === JType.Array || n.type === JType.Object;

/** Size of the header SQLite writes for a payload of `size` bytes. */
function headerSize(size: number): number {
  return size <= 11 ? 1 : size <= 0xff ? 2 : size <= 0xffff ? 3 : 5;
}

function payloadSize(node: JNode): number {
  if (!isContainer(node)) return node.payload.length;
  let total = 0;
  for (const child of node.items) total += encodedSize(child);
  return total;
}

/** The header width a node is written with: its kept width when still valid, else the minimal one. */
function headerWidth(node: JNode, size: number): number {
  const minimal = headerSize(size);
  if (node.hdr === undefined || node.hdr < minimal) return minimal;
  if (isContainer(node) && node.size0 !== size) return minimal;
  return node.hdr;
}

export function encodedSize(node: JNode): number {
  const size = payloadSize(node);
  return headerWidth(node, size) + size;
}

/**
 * jsonBlobOverwrite: when an edit replaces an element by one 1..8 bytes smaller, SQLite widens the
 * new element's header to fill the gap (so nothing moves) if the widths allow it. Applies that to
 * `replacement` and returns it.
 */
export function fitInto(replacement: JNode, oldSize: number): JNode {
  const size = payloadSize(replacement);
  const h = headerWidth(replacement, size);
  const d = oldSize - (h + size);
  if (d < 1 || d > 8 || replacement.type <= JType.False) return replacement;
  const target = h + d;
  if (![2, 3, 5, 9].includes(target)) return replacement;
  replacement.hdr = target;
  if (isContainer(replacement)) replacement.size0 = size;
  return replacement;
}

function write(node: JNode, out: Uint8Array, at: number): number {
  const size = payloadSize(node);
  const h = headerWidth(node, size);
  if (h === 1) out[at] = (size << 4) | node.type;
  else if (h === 2) {
    out[at] = 0xc0 | node.type;
    out[at + 1] = size;
  } else if (h === 3) {
    out[at] = 0xd0 | node.type;
    out[at + 1] = size >> 8;
    out[at + 2] = size & 0xff;
  } else if (h === 5) {
    out[at] = 0xe0 | node.type;
    out[at + 1] = (size >>> 24) & 0xff;
    out[at + 2] = (size >>> 16) & 0xff;
    out[at + 3] = (size >>> 8) & 0xff;
    out[at + 4] = size & 0xff;
  } else {
    out[at] = 0xf0 | node.type;
    let rest = size;
    for (let k = 8; k >= 1; k--) {
      out[at + k] = rest & 0xff;
      rest = Math.floor(rest / 256);
    }
  }
  at += h;
  if (isContainer(node)) for (const child of node.items) at = write(child, out, at);
  else {
    out.set(node.payload, at);
    at += size;
  }
  return at;
}

export function toJsonb(node: JNode): Uint8Array {
  const out = new Uint8Array(encodedSize(node));
  write(node, out, 0);
  return out;
}

/** Reads one element's header: [header length, payload size], or null when malformed. */
export function readHeader(blob: Uint8Array, at: number): [number, number] | null {
  if (at >= blob.length) return null;
  const code = blob[at]! >> 4;
  if (code <= 11) return [1, code];
  const width = code === 12 ? 1 : code === 13 ? 2 : code === 14 ? 4 : 8;
  if (at + 1 + width > blob.length) return null;
  let size = 0;
  for (let k = 1; k <= width; k++) size = size * 256 + blob[at + k]!;
  return [1 + width, size];
}

/** Decodes a JSONB element tree; null when the bytes are not well-formed JSONB. */
export function fromJsonb(blob: Uint8Array): JNode | null {
  const result = decode(blob, 0, blob.length, 0);
  return result && result[1] === blob.length ? result[0] : null;
}

function decode(blob: Uint8Array, at: number, end: number, depth: number): [JNode, number] | null {
  if (depth > 1000) return null;
  const header = readHeader(blob, at);
  if (!header) return null;
  const [h, size] = header;
  const type = blob[at]! & 0x0f;
  const start = at + h;
  const stop = start + size;
  if (stop > end || type > JType.Object) return null;
  if (type === JType.Array || type === JType.Object) {
    const items: JNode[] = [];
    let p = start;
    while (p < stop) {
      const child = decode(blob, p, stop, depth + 1);
      if (!child) return null;
      if (type === JType.Object && items.length % 2 === 0 && (child[0].type < JType.Text || child[0].type > JType.TextRaw)) return null;
      items.push(child[0]);
      p = child[1];
    }
    if (type === JType.Object && items.length % 2 !== 0) return null;
    return [{ type, items, hdr: h, size0: size }, stop];
  }
  if (type <= JType.False && size !== 0) return null;
  return [{ type: type as ScalarType, payload: blob.subarray(start, stop), hdr: h }, stop];
}
