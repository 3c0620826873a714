// What a workload returned, reduced to a row count and a checksum of every value, so engines' answers can
// be compared without keeping the rows. Numbers are compared as SQLite values: an integral number equals
// the same integer, and REALs agree to 12 significant digits (engines may sum in a different order).

import type { Row } from './engines/types.js';

export interface Answer {
  readonly rows: number;
  readonly checksum: string;
  /** The first values, readable, so a WRONG cell shows what differed (not part of the comparison). */
  readonly preview: string;
}

const previewLength = 120;

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

function bytesToHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** The canonical text of one value; equal SQL values from different engines give equal text. */
export function canonicalValue(value: unknown): string {
  if (value === null || value === undefined) return 'n';
  if (typeof value === 'bigint') return `i${value}`;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return `i${value}`;
    if (!Number.isFinite(value)) return `r${value}`;
    return `r${Number(value.toPrecision(12))}`;
  }
  if (typeof value === 'string') return `s${value}`;
  if (value instanceof Uint8Array) return `b${bytesToHex(value)}`;
  return `?${String(value)}`;
}

/** Accumulates rows in order (the order is part of the answer: every workload query has a total ORDER BY). */
export class AnswerBuilder {
  private rows = 0;
  private fnv = 0x811c9dc5;
  private mix = 0x9e3779b9;
  private preview = '';

  addRow(row: Row): void {
    this.rows++;
    for (const value of row) this.addText(canonicalValue(value));
    this.addText('\u0001');
    if (this.preview.length < previewLength) {
      const shown = row.map((value) => (value instanceof Uint8Array ? `x'${bytesToHex(value)}'` : typeof value === 'string' ? JSON.stringify(value) : String(value)));
      this.preview = `${this.preview}[${shown.join(', ')}] `.slice(0, previewLength);
    }
  }

  addRows(rows: readonly Row[]): void {
    for (const row of rows) this.addRow(row);
  }

  finish(): Answer {
    return { rows: this.rows, checksum: hex32(this.fnv) + hex32(this.mix), preview: this.preview.trimEnd() };
  }

  private addText(text: string): void {
    let fnv = this.fnv;
    let mix = this.mix;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      fnv = Math.imul(fnv ^ code, 0x01000193);
      mix = Math.imul(mix ^ code, 0x5bd1e995);
      mix ^= mix >>> 13;
    }
    this.fnv = Math.imul(fnv ^ 0x1f, 0x01000193);
    this.mix = mix;
  }
}

export function answerOf(rows: readonly Row[]): Answer {
  const builder = new AnswerBuilder();
  builder.addRows(rows);
  return builder.finish();
}

export function sameAnswer(a: Answer, b: Answer): boolean {
  return a.rows === b.rows && a.checksum === b.checksum;
}

export function describeAnswer(answer: Answer): string {
  return `${answer.rows} rows, checksum ${answer.checksum}: ${answer.preview}`;
}
