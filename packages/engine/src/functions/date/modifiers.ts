// Date/time modifiers (date.c parseModifier): 'NNN units', '±HH:MM[:SS]', '±YYYY-MM-DD[ HH:MM]',
// start of ..., weekday N, unixepoch, julianday, auto, localtime, utc, subsec, ceiling, floor.

import {
  clearYMD_HMS_TZ, computeFloor, computeJD, computeYMD, computeYMD_HMS, emptyDateTime, getDigits, isSpace, parseHhMmSs,
  toLocaltime, UNIX_EPOCH_JD, wholeNumber, type DateTime,
} from './datetime.js';

const trunc = Math.trunc;

/** aXformType: unit name, limit (a C float) and seconds per unit. */
const UNITS: readonly { name: string; limit: number; seconds: number }[] = [
  { name: 'second', limit: Math.fround(4.6427e14), seconds: 1 },
  { name: 'minute', limit: Math.fround(7.7379e12), seconds: 60 },
  { name: 'hour', limit: Math.fround(1.2897e11), seconds: 3600 },
  { name: 'day', limit: Math.fround(5373485.0), seconds: 86400 },
  { name: 'month', limit: Math.fround(176546.0), seconds: 2592000 },
  { name: 'year', limit: Math.fround(14713.0), seconds: 31536000 },
];

function autoAdjustDate(p: DateTime): void {
  if (!p.rawS || p.validJD) p.rawS = false;
  else if (p.s >= -210866760000 && p.s <= 253402300799) {
    const r = p.s * 1000 + 210866760000000;
    clearYMD_HMS_TZ(p);
    p.iJD = trunc(r + 0.5);
    p.validJD = true;
    p.rawS = false;
  }
}

/** Normalises an out-of-range month into the year (C division semantics). */
function carryMonths(p: DateTime): void {
  const x = p.M > 0 ? trunc((p.M - 1) / 12) : trunc((p.M - 12) / 12);
  p.Y += x;
  p.M -= x * 12;
}

function utc(p: DateTime): void {
  if (p.isUtc) return;
  computeJD(p);
  const original = p.iJD;
  let guess = original;
  let error = 0;
  let count = 0;
  do {
    const probe = emptyDateTime();
    guess -= error;
    probe.iJD = guess;
    probe.validJD = true;
    toLocaltime(probe);
    computeJD(probe);
    error = probe.iJD - original;
  } while (error && count++ < 3);
  Object.assign(p, emptyDateTime());
  p.iJD = guess;
  p.validJD = true;
  p.isUtc = true;
}

/** Numeric modifiers: 'NNN units', '±HH:MM:SS.SSS', '±YYYY-MM-DD[ HH:MM[:SS]]'. Returns true on success. */
function numericModifier(z: string, p: DateTime): boolean {
  let n = 1;
  for (; n < z.length; n++) {
    const c = z[n]!;
    if (c === ':' || isSpace(c)) break;
    if (c === '-') {
      if (n === 5 && getDigits(z, 1, '40f')?.length === 1) break;
      if (n === 6 && getDigits(z, 1, '50f')?.length === 1) break;
    }
  }
  let r = wholeNumber(z.slice(0, n));
  if (r === null) return false;
  const sign = z[0]!;
  let base = z;
  let baseAt = 0;
  if (z[n] === '-') {
    if (sign !== '+' && sign !== '-') return false;
    let ymd: number[] | null;
    let zAt = 0;
    if (n === 5) ymd = getDigits(z, 1, '40f-20a-20d');
    else {
      ymd = getDigits(z, 1, '50f-20a-20d');
      zAt = 1;
    }
    if (!ymd || ymd.length !== 3) return false;
    const [Y, M] = ymd as [number, number, number];
    let D = ymd[2]!;
    if (M >= 12 || D >= 31) return false;
    computeYMD_HMS(p);
    p.validJD = false;
    if (sign === '-') {
      p.Y -= Y;
      p.M -= M;
      D = -D;
    } else {
      p.Y += Y;
      p.M += M;
    }
    carryMonths(p);
    computeFloor(p);
    computeJD(p);
    p.validHMS = false;
    p.validYMD = false;
    p.iJD += D * 86400000;
    const tail = zAt + 11;
    if (tail >= z.length) return true;
    if (isSpace(z[tail]) && getDigits(z, tail + 1, '20c:20e')?.length === 2) {
      base = z;
      baseAt = tail + 1;
      n = 2;
    } else return false;
  }
  if (base[baseAt + n] === ':') {
    // ±HH:MM[:SS.FFF]: add or subtract a time of day.
    const tx = emptyDateTime();
    let at = baseAt;
    if (!(base[at]! >= '0' && base[at]! <= '9')) at++;
    if (!parseHhMmSs(base, at, tx)) return false;
    computeJD(tx);
    tx.iJD -= 43200000;
    const day = trunc(tx.iJD / 86400000);
    tx.iJD -= day * 86400000;
    if (sign === '-') tx.iJD = -tx.iJD;
    computeJD(p);
    clearYMD_HMS_TZ(p);
    p.iJD += tx.iJD;
    return true;
  }
  // 'NNN units'
  let rest = z.slice(n);
  let k = 0;
  while (isSpace(rest[k])) k++;
  rest = rest.slice(k);
  let len = rest.length;
  if (len < 3 || len > 10) return false;
  if (rest[len - 1]!.toLowerCase() === 's') len--;
  computeJD(p);
  const rounder = r < 0 ? -0.5 : 0.5;
  p.nFloor = 0;
  let ok = false;
  for (let i = 0; i < UNITS.length; i++) {
    const unit = UNITS[i]!;
    if (unit.name.length === len && rest.slice(0, len).toLowerCase() === unit.name && r > -unit.limit && r < unit.limit) {
      if (i === 4) {
        computeYMD_HMS(p);
        p.M += trunc(r);
        carryMonths(p);
        computeFloor(p);
        p.validJD = false;
        r -= trunc(r);
      } else if (i === 5) {
        computeYMD_HMS(p);
        p.Y += trunc(r);
        computeFloor(p);
        p.validJD = false;
        r -= trunc(r);
      }
      computeJD(p);
      p.iJD += trunc(r * 1000 * unit.seconds + rounder);
      ok = true;
      break;
    }
  }
  clearYMD_HMS_TZ(p);
  return ok;
}

/** Applies one modifier (argument index `idx`, 1-based); returns false when it is not valid here. */
export function applyModifier(text: string, p: DateTime, idx: number): boolean {
  const nul = text.indexOf('\u0000');
  const z = nul >= 0 ? text.slice(0, nul) : text;
  const lower = z.toLowerCase();
  switch (lower[0]) {
    case 'a':
      if (lower !== 'auto' || idx > 1) return false;
      autoAdjustDate(p);
      return true;
    case 'c':
      if (lower !== 'ceiling') return false;
      computeJD(p);
      clearYMD_HMS_TZ(p);
      p.nFloor = 0;
      return true;
    case 'f':
      if (lower !== 'floor') return false;
      computeJD(p);
      p.iJD -= p.nFloor * 86400000;
      clearYMD_HMS_TZ(p);
      return true;
    case 'j':
      if (lower !== 'julianday' || idx > 1) return false;
      if (p.validJD && p.rawS) {
        p.rawS = false;
        return true;
      }
      return false;
    case 'l':
      if (lower !== 'localtime') return false;
      if (!p.isLocal) toLocaltime(p);
      p.isUtc = false;
      p.isLocal = true;
      return true;
    case 'u':
      if (lower === 'unixepoch' && p.rawS) {
        if (idx > 1) return false;
        const r = p.s * 1000 + UNIX_EPOCH_JD;
        if (r >= 0 && r < 464269060800000) {
          clearYMD_HMS_TZ(p);
          p.iJD = trunc(r + 0.5);
          p.validJD = true;
          p.rawS = false;
          return true;
        }
        return false;
      }
      if (lower === 'utc') {
        utc(p);
        return true;
      }
      return false;
    case 'w': {
      if (!lower.startsWith('weekday ')) return false;
      const r = wholeNumber(z.slice(8));
      if (r === null || !(r >= 0 && r < 7) || trunc(r) !== r) return false;
      computeYMD_HMS(p);
      p.tz = 0;
      p.validJD = false;
      computeJD(p);
      let Z = trunc((p.iJD + 129600000) / 86400000) % 7;
      if (Z > r) Z -= 7;
      p.iJD += (r - Z) * 86400000;
      clearYMD_HMS_TZ(p);
      return true;
    }
    case 's': {
      if (!lower.startsWith('start of ')) {
        if (lower === 'subsec' || lower === 'subsecond') {
          p.useSubsec = true;
          return true;
        }
        return false;
      }
      if (!p.validJD && !p.validYMD && !p.validHMS) return false;
      computeYMD(p);
      p.validHMS = true;
      p.h = p.m = 0;
      p.s = 0;
      p.rawS = false;
      p.tz = 0;
      p.validJD = false;
      const what = lower.slice(9);
      if (what === 'month') p.D = 1;
      else if (what === 'year') {
        p.M = 1;
        p.D = 1;
      } else if (what !== 'day') return false;
      return true;
    }
    default:
      if (z[0] === '+' || z[0] === '-' || (z[0]! >= '0' && z[0]! <= '9')) return numericModifier(z, p);
      return false;
  }
}
