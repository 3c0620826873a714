// REAL -> TEXT rendering exactly as SQLite 3.53 does it ("%!.17g" over sqlite3FpDecode): 18 digits
// rounded half-up, then shortened when fewer digits round-trip, then rounded to 17; %g layout with
// a ".0" kept on integral values and at least two exponent digits ("1.0e-05", "1.0e+20").

import { fpDecode } from './fp-decode.js';

/** Renders a REAL as SQLite's CAST(x AS TEXT) and x||'' do. */
export function realToText(r: number): string {
  if (r !== r) return 'NaN';
  if (r === Infinity) return 'Inf';
  if (r === -Infinity) return '-Inf';
  if (r === 0) return '0.0';
  const sign = r < 0 ? '-' : '';
  const { digits, pointPosition } = fpDecode(Math.abs(r), 17, 17);
  const exponent = pointPosition - 1;
  if (exponent < -4 || exponent > 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : `${digits}.0`;
    const magnitude = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
  }
  if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
  if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}
