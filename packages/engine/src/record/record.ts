// The record format: a header (varint header size, then one varint serial type per column)
// followed by the column bodies. encodeRecord builds one; RecordReader parses the header once and
// decodes single columns on demand (the VM's Column opcode reads only what it needs).

import { corruptError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { decodeSerialValue, integerSerialTypeOfNumber, putIntegerBody, putNumericBody, serialTypeOf, serialTypeSize } from './serial-types.js';
import { encodeUtf8 } from './utf8.js';
import { getVarint32, putVarint, varintLength, type VarintOut } from './varint.js';

// Scratch per-column arrays of encodeRecord (it never re-enters). texts[i] holds the UTF-8 of a
// non-ASCII string; ASCII strings (the usual case) are written straight into the output. numbers[i]
// is Number() of an INTEGER value (the type choice and the body both need it: converted once).
const types: number[] = [];
const texts: (Uint8Array | null)[] = [];
const numbers: number[] = [];

/** UTF-8 length of s when it is all ASCII (then it is s.length), else -1. */
function asciiLength(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return -1;
  return s.length;
}

/** Encodes values as a record, each with its smallest serial type. */
export function encodeRecord(values: readonly SqlValue[]): Uint8Array {
  return encodeRecordRange(values, 0, values.length);
}

function newBuffer(size: number): Uint8Array {
  return new Uint8Array(size);
}

/**
 * Encodes values[start..start+n-1] as a record (the VM's registers, without copying them out
 * first), into `allocate(size)`: a fresh array by default; every byte of it is written. Field
 * `nullField` (when >= 0) is stored as NULL whatever its value (a table's rowid alias column).
 */
export function encodeRecordRange(
  values: readonly SqlValue[],
  start: number,
  n: number,
  allocate: (size: number) => Uint8Array = newBuffer,
  nullField = -1,
): Uint8Array {
  let headerBody = 0;
  let bodySize = 0;
  for (let i = 0; i < n; i++) {
    const v = i === nullField ? null : values[start + i]!;
    let t: number;
    let text: Uint8Array | null = null;
    if (typeof v === 'bigint') {
      const number = Number(v);
      numbers[i] = number;
      t = integerSerialTypeOfNumber(number);
    } else if (typeof v === 'string') {
      let byteLength = asciiLength(v);
      if (byteLength < 0) {
        text = encodeUtf8(v);
        byteLength = text.length;
      }
      t = serialTypeOf(v, byteLength);
    } else {
      t = serialTypeOf(v, v instanceof Uint8Array ? v.length : 0);
    }
    types[i] = t;
    texts[i] = text;
    headerBody += t < 0x80 ? 1 : varintLength(t);
    bodySize += serialTypeSize(t);
  }
  // The header size counts its own varint, whose length depends on the total.
  let headerSize = headerBody + 1;
  while (varintLength(headerSize) + headerBody !== headerSize) headerSize = headerBody + varintLength(headerSize);
  const out = allocate(headerSize + bodySize);
  let h = putVarint(out, 0, headerSize);
  let b = headerSize;
  for (let i = 0; i < n; i++) {
    const t = types[i]!;
    h += putVarint(out, h, t);
    if (t === 0 || t === 8 || t === 9) continue;
    if (t < 7) {
      putIntegerBody(out, b, t, values[start + i] as bigint, numbers[i]!);
      b += serialTypeSize(t);
      continue;
    }
    if (t === 7) {
      putNumericBody(out, b, t, values[start + i] as number);
      b += 8;
      continue;
    }
    const text = texts[i];
    const v = values[start + i]!;
    if (text) {
      out.set(text, b);
      b += text.length;
      texts[i] = null; // drop the reference
    } else if (typeof v === 'string') {
      for (let k = 0; k < v.length; k++) out[b + k] = v.charCodeAt(k);
      b += v.length;
    } else {
      out.set(v as Uint8Array, b);
      b += (v as Uint8Array).length;
    }
  }
  return out;
}

/** Decodes every column of a record. */
export function decodeRecord(record: Uint8Array): SqlValue[] {
  const reader = new RecordReader();
  reader.reset(record);
  const out = new Array<SqlValue>(reader.columnCount);
  for (let i = 0; i < out.length; i++) out[i] = reader.column(i) as SqlValue;
  return out;
}

/**
 * Parses a record header once; column(i) then decodes column i alone. Reusable: reset() with the
 * next record keeps the internal arrays (no allocation per row once warmed up).
 * Invariant after reset(): offsets[i] + size of types[i] <= record.length for every column.
 */
// Shared placeholder: a reader is created per VM cursor open, so it must not allocate a buffer.
const NO_RECORD = new Uint8Array(0);

export class RecordReader {
  private record: Uint8Array = NO_RECORD;
  private types: number[] = [];
  private offsets: number[] = [];
  private count = 0;
  private readonly out: VarintOut = { value: 0, length: 0 };

  get columnCount(): number {
    return this.count;
  }

  /** Parses the header of `record`. Throws SQLITE_CORRUPT when the header is inconsistent. */
  reset(record: Uint8Array): void {
    this.record = record;
    const out = this.out;
    if (record.length === 0) {
      this.count = 0;
      return;
    }
    getVarint32(record, 0, out);
    const headerSize = out.value;
    if (headerSize > record.length || headerSize < out.length) throw corruptError('record header size');
    let h = out.length;
    let body = headerSize;
    let n = 0;
    while (h < headerSize) {
      getVarint32(record, h, out);
      h += out.length;
      const t = out.value;
      this.types[n] = t;
      this.offsets[n] = body;
      body += serialTypeSize(t);
      n++;
    }
    if (h > headerSize || body > record.length) throw corruptError('record body overruns payload');
    this.count = n;
  }

  /** Serial type of column i (i < columnCount). */
  serialType(i: number): number {
    return this.types[i]!;
  }

  /** Column i's value, or undefined when the record has fewer columns (caller applies the default). */
  column(i: number): SqlValue | undefined {
    if (i >= this.count) return undefined;
    return decodeSerialValue(this.record, this.offsets[i]!, this.types[i]!);
  }

  /** Raw body bytes of column i (a view, not a copy). */
  columnBytes(i: number): Uint8Array {
    const start = this.offsets[i]!;
    return this.record.subarray(start, start + serialTypeSize(this.types[i]!));
  }
}
