// Reads columns of one record lazily for the Column opcode: the header is parsed only as far as the
// highest column asked for (a filter on an early column never decodes the rest), as SQLite does.

import { corruptError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { decodeSerialValue, serialTypeSize } from '../record/serial-types.js';
import { getVarint32, type VarintOut } from '../record/varint.js';

const NO_RECORD = new Uint8Array(0);

export class LazyRecordReader {
  private record: Uint8Array = NO_RECORD;
  /** The record is record[start, end): a whole buffer, or a span of a page read in place. */
  private end = 0;
  /** Absolute offset of the end of the header. */
  private headerSize = 0;
  /** Next header byte to parse, and the body offset of the column it describes. */
  private headerPos = 0;
  private bodyPos = 0;
  /** Columns whose serial type and offset are known (types/offsets[0..parsed-1]). */
  private parsed = 0;
  private readonly types: number[] = [];
  private readonly offsets: number[] = [];
  private readonly out: VarintOut = { value: 0, length: 0 };

  reset(record: Uint8Array, start = 0, end = record.length): void {
    this.record = record;
    this.end = end;
    this.parsed = 0;
    if (end === start) {
      this.headerSize = start;
      this.headerPos = start;
      return;
    }
    getVarint32(record, start, this.out);
    const headerSize = this.out.value;
    if (headerSize > end - start || headerSize < this.out.length) throw corruptError('record header size');
    this.headerSize = start + headerSize;
    this.headerPos = start + this.out.length;
    this.bodyPos = start + headerSize;
  }

  /** Column i, or undefined when the record has fewer columns (the caller applies the default). */
  column(i: number): SqlValue | undefined {
    if (i >= this.parsed && !this.parseThrough(i)) return undefined;
    return decodeSerialValue(this.record, this.offsets[i]!, this.types[i]!);
  }

  get columnCount(): number {
    this.parseThrough(Infinity);
    return this.parsed;
  }

  /** Parses header entries up to column i; false when the record ends first. */
  private parseThrough(i: number): boolean {
    const record = this.record;
    const out = this.out;
    while (this.parsed <= i) {
      if (this.headerPos >= this.headerSize) return false;
      getVarint32(record, this.headerPos, out);
      this.headerPos += out.length;
      const t = out.value;
      const size = serialTypeSize(t);
      if (this.headerPos > this.headerSize || this.bodyPos + size > this.end) throw corruptError('record body overruns payload');
      this.types[this.parsed] = t;
      this.offsets[this.parsed] = this.bodyPos;
      this.bodyPos += size;
      this.parsed++;
    }
    return true;
  }
}
