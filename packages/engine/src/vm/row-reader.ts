// Reads columns of one record lazily for the Column opcode: the header is parsed only as far as the
// highest column asked for (a filter on an early column never decodes the rest), as SQLite does.

import { corruptError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { decodeSerialValue, serialTypeSize } from '../record/serial-types.js';
import { getVarint32, type VarintOut } from '../record/varint.js';

const NO_RECORD = new Uint8Array(0);

export class LazyRecordReader {
  private record: Uint8Array = NO_RECORD;
  private headerSize = 0;
  /** Next header byte to parse, and the body offset of the column it describes. */
  private headerPos = 0;
  private bodyPos = 0;
  /** Columns whose serial type and offset are known (types/offsets[0..parsed-1]). */
  private parsed = 0;
  private readonly types: number[] = [];
  private readonly offsets: number[] = [];
  private readonly out: VarintOut = { value: 0, length: 0 };

  reset(record: Uint8Array): void {
    this.record = record;
    this.parsed = 0;
    if (record.length === 0) {
      this.headerSize = 0;
      this.headerPos = 0;
      return;
    }
    getVarint32(record, 0, this.out);
    const headerSize = this.out.value;
    if (headerSize > record.length || headerSize < this.out.length) throw corruptError('record header size');
    this.headerSize = headerSize;
    this.headerPos = this.out.length;
    this.bodyPos = headerSize;
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
      if (this.headerPos > this.headerSize || this.bodyPos + size > record.length) throw corruptError('record body overruns payload');
      this.types[this.parsed] = t;
      this.offsets[this.parsed] = this.bodyPos;
      this.bodyPos += size;
      this.parsed++;
    }
    return true;
  }
}
