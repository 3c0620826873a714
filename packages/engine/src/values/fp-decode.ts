// Decimal digits of a double as SQLite's printf sees them (sqlite3FpDecode): about 18
// significant digits from SQLite's 64-bit scaled approximation, then rounded to iRound digits
// (capped at mxRound).

export interface FpDecoded {
  sign: '+' | '-';
  /** 0 finite, 1 infinity, 2 NaN. */
  special: 0 | 1 | 2;
  /** Significant digits, no trailing zeros (at least one digit for finite values). */
  digits: string;
  /** Position of the decimal point relative to the first digit. */
  pointPosition: number;
}

const float64 = new Float64Array(1);
const float64Bits = new BigUint64Array(float64.buffer);

/** floor(log10(2^p)) as SQLite approximates it. */
const pow2ToPow10 = (p: number): number => Math.floor((p * 78913) / 262144);

const BIT63 = 1n << 63n;
const MASK64 = (1n << 64n) - 1n;
const pow10ToPow2 = (p: number): number => Math.floor((p * 108853) / 32768);

/** The top 64 bits of 10^p (0 <= p < 27: exact). */
function exactPowerOfTenTop64(p: number): bigint {
  let v = 10n ** BigInt(p);
  while (v < BIT63) v <<= 1n;
  while (v > MASK64) v >>= 1n;
  return v;
}

/** 10^(27g) as a 96-bit mantissa rounded to nearest: [top 64 bits, next 32 bits]. */
function scaleEntry(g: number): [bigint, bigint] {
  const p = 27 * g;
  const num0 = p >= 0 ? 10n ** BigInt(p) : 1n;
  const den0 = p >= 0 ? 1n : 10n ** BigInt(-p);
  let shift = 95 - (num0.toString(2).length - den0.toString(2).length);
  const scaled = (k: number): [bigint, bigint] => (k >= 0 ? [num0 << BigInt(k), den0] : [num0, den0 << BigInt(-k)]);
  let [num, den] = scaled(shift);
  if (num / den < 1n << 95n) [num, den] = scaled(++shift);
  if (num / den >= 1n << 96n) [num, den] = scaled(--shift);
  const rounded = (2n * num + den) / (2n * den);
  return [rounded >> 32n, rounded & 0xffffffffn];
}

const BASE_POWERS = Array.from({ length: 27 }, (_, p) => exactPowerOfTenTop64(p));
const SCALES = new Map<number, [bigint, bigint]>();

/** SQLite's 64-bit approximation of 10^p (powerOfTen()). */
function powerOfTenTop64(p: number): bigint {
  if (p === -1) return 0xccccccccccccccccn;
  if (p >= 0 && p < 27) return BASE_POWERS[p]!;
  let g = Math.trunc(p / 27);
  let n = p % 27;
  if (p < 0 && n !== 0) {
    g--;
    n += 27;
  }
  let entry = SCALES.get(g);
  if (!entry) SCALES.set(g, (entry = scaleEntry(g)));
  const [hi, lo] = entry;
  if (n === 0) return hi;
  const b = BASE_POWERS[n]!;
  const r = hi * b + ((lo * b) >> 32n);
  let x = (r >> 64n) & MASK64;
  if ((x & BIT63) === 0n) x = ((x << 1n) | ((r >> 63n) & 1n)) & MASK64;
  return x;
}

/**
 * sqlite3Fp2Convert10(m, e, n): about n significant digits of r > 0 from 64-bit products, as
 * SQLite computes them (not the exact decimal expansion). Mirrors values/real-text.ts, which
 * does not export it yet.
 */
function scaledDigits(r: number, n: number): { digits: string; exponent10: number } {
  float64[0] = r;
  const bits = float64Bits[0]!;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let e: number;
  if (biased === 0) {
    const shift = 64 - mantissa.toString(2).length;
    mantissa <<= BigInt(shift);
    e = -1074 - shift;
  } else {
    mantissa = (mantissa << 11n) | BIT63;
    e = biased - 1086;
  }
  const p = n - 1 - pow2ToPow10(e + 63);
  const h = (mantissa * powerOfTenTop64(p)) >> 64n;
  if (n === 18) {
    // 18 digits are rounded (half-up on the extra bit); fewer are truncated.
    const g = h >> BigInt(-(e + pow10ToPow2(p) + 2));
    return { digits: ((g + ((g << 1n) & 2n)) >> 1n).toString(), exponent10: -p };
  }
  return { digits: (h >> BigInt(-(e + pow10ToPow2(p) + 1))).toString(), exponent10: -p };
}

/** At 17 digits SQLite prefers a shorter digit string that still round-trips (49.47, not 49.469999999999999). */
function shorterRoundTrip(r: number, z: number[], n: number, pointPosition: number, exponent10: number): number | null {
  if (z[15] === 9 && z[14] === 9) {
    let jj = 14;
    while (jj > 0 && z[jj - 1] === 9) jj--;
    const v2 = jj === 0 ? 1n : BigInt(z.slice(0, jj).join('')) + 1n;
    return r === Number(`${v2}e${exponent10 + n - jj}`) ? jj + 1 : null;
  }
  if (pointPosition >= n || (z[15] === 0 && z[14] === 0 && z[13] === 0)) {
    let jj = 13;
    while (jj > 0 && z[jj - 1] === 0) jj--;
    const v2 = BigInt(z.slice(0, jj).join('') || '0');
    return r === Number(`${v2}e${exponent10 + n - jj}`) ? jj + 1 : null;
  }
  return null;
}

/** sqlite3FpDecode(r, iRound, mxRound). */
export function fpDecode(r: number, iRound: number, mxRound: number): FpDecoded {
  let sign: '+' | '-' = '+';
  if (r < 0) {
    sign = '-';
    r = -r;
  }
  if (r === 0) return { sign, special: 0, digits: '0', pointPosition: 1 };
  if (r !== r) return { sign, special: 2, digits: '', pointPosition: 0 };
  if (r === Infinity) return { sign, special: 1, digits: '', pointPosition: 0 };
  // SQLite converts only as many digits as the rounding needs (one more than iRound, at most 18).
  const { digits, exponent10 } = scaledDigits(r, iRound <= 0 || iRound >= 18 ? 18 : iRound + 1);
  const z = Array.from(digits, (c) => c.charCodeAt(0) - 48);
  let n = z.length;
  let pointPosition = n + exponent10;
  if (iRound <= 0) {
    iRound = pointPosition - iRound;
    if (iRound === 0 && z[0]! >= 5) {
      iRound = 1;
      z.unshift(0);
      n++;
      pointPosition++;
    }
  }
  if (iRound > 0 && (iRound < n || n > mxRound)) {
    if (iRound > mxRound) iRound = mxRound;
    if (iRound === 17) iRound = shorterRoundTrip(r, z, n, pointPosition, exponent10) ?? iRound;
    n = iRound;
    if (z[iRound]! >= 5) {
      let j = iRound - 1;
      for (;;) {
        z[j]!++;
        if (z[j]! <= 9) break;
        z[j] = 0;
        if (j === 0) {
          z.unshift(1);
          n++;
          pointPosition++;
          break;
        }
        j--;
      }
    }
  }
  const text = z.slice(0, n).join('').replace(/0+$/, '') || '0';
  return { sign, special: 0, digits: text, pointPosition };
}
