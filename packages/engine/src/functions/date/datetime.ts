// SQLite's DateTime (date.c): a julian-day-in-milliseconds value plus lazily computed Y-M-D and
// h:m:s views, parsed from time strings and numbers exactly as SQLite parses them. C's integer
// division truncates toward zero, so every division here goes through Math.trunc.

import { parseReal } from '../../values/number-parse.js';

export interface DateTime {
  /** Julian day number times 86400000 (integral). */
  iJD: number;
  Y: number;
  M: number;
  D: number;
  h: number;
  m: number;
  /** Seconds, with fraction (or the raw number while rawS). */
  s: number;
  /** Time zone offset in minutes. */
  tz: number;
  validJD: boolean;
  validYMD: boolean;
  validHMS: boolean;
  /** s holds a raw number not yet interpreted as julian day or unix time. */
  rawS: boolean;
  isError: boolean;
  useSubsec: boolean;
  isUtc: boolean;
  isLocal: boolean;
  /** Days to subtract for the 'floor' modifier after a day-of-month overflow. */
  nFloor: number;
}

export function emptyDateTime(): DateTime {
  return { iJD: 0, Y: 0, M: 0, D: 0, h: 0, m: 0, s: 0, tz: 0, validJD: false, validYMD: false, validHMS: false, rawS: false, isError: false, useSubsec: false, isUtc: false, isLocal: false, nFloor: 0 };
}

const trunc = Math.trunc;
/** 9999-12-31 23:59:59.999 as iJD. */
export const MAX_JD = 464269060799999;
/** The unix epoch as iJD. */
export const UNIX_EPOCH_JD = 210866760000000;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
export const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

/** date.c getDigits: fields of exactly N digits within [min, max], each followed by its separator. */
export function getDigits(text: string, at: number, format: string): number[] | null {
  const maxima: Record<string, number> = { a: 12, b: 14, c: 24, d: 31, e: 59, f: 14712 };
  const values: number[] = [];
  for (let f = 0; ; f += 4) {
    const n = Number(format[f]);
    const min = Number(format[f + 1]);
    const max = maxima[format[f + 2]!]!;
    const next = format[f + 3] ?? '';
    let value = 0;
    for (let k = 0; k < n; k++) {
      const c = text[at];
      if (!isDigit(c)) return values.length ? values : null;
      value = value * 10 + (c!.charCodeAt(0) - 48);
      at++;
    }
    if (value < min || value > max || (next !== '' && text[at] !== next)) return values.length ? values : null;
    values.push(value);
    at++;
    if (next === '') return values;
  }
}

function digitsExactly(text: string, at: number, format: string, count: number): number[] | null {
  const v = getDigits(text, at, format);
  return v && v.length === count ? v : null;
}

/** parseTimezone: optional [+-]HH:MM or Z, then only spaces. Returns false on a parse error. */
function parseTimezone(text: string, at: number, p: DateTime): boolean {
  while (isSpace(text[at])) at++;
  p.tz = 0;
  const c = text[at];
  let sign = 0;
  if (c === '-') sign = -1;
  else if (c === '+') sign = 1;
  else if (c === 'Z' || c === 'z') {
    at++;
    p.isLocal = false;
    p.isUtc = true;
    while (isSpace(text[at])) at++;
    return at >= text.length;
  } else return at >= text.length;
  at++;
  const hm = digitsExactly(text, at, '20b:20e', 2);
  if (!hm) return false;
  at += 5;
  p.tz = sign * (hm[1]! + hm[0]! * 60);
  if (p.tz === 0) {
    p.isLocal = false;
    p.isUtc = true;
  }
  while (isSpace(text[at])) at++;
  return at >= text.length;
}

/** parseHhMmSs: HH:MM[:SS[.FFF]] then an optional zone. Returns false on error. */
export function parseHhMmSs(text: string, at: number, p: DateTime): boolean {
  const hm = digitsExactly(text, at, '20c:20e', 2);
  if (!hm) return false;
  at += 5;
  let s = 0;
  let ms = 0;
  if (text[at] === ':') {
    at++;
    const sec = digitsExactly(text, at, '20e', 1);
    if (!sec) return false;
    s = sec[0]!;
    at += 2;
    if (text[at] === '.' && isDigit(text[at + 1])) {
      let scale = 1;
      at++;
      while (isDigit(text[at])) {
        ms = ms * 10 + (text.charCodeAt(at) - 48);
        scale *= 10;
        at++;
      }
      ms /= scale;
      if (ms > 0.999) ms = 0.999;
    }
  }
  p.validJD = false;
  p.rawS = false;
  p.validHMS = true;
  p.h = hm[0]!;
  p.m = hm[1]!;
  p.s = s + ms;
  return parseTimezone(text, at, p);
}

function datetimeError(p: DateTime): void {
  Object.assign(p, emptyDateTime());
  p.isError = true;
}

export function computeJD(p: DateTime): void {
  if (p.validJD) return;
  let Y = 2000;
  let M = 1;
  let D = 1;
  if (p.validYMD) {
    Y = p.Y;
    M = p.M;
    D = p.D;
  }
  if (Y < -4713 || Y > 9999 || p.rawS) {
    datetimeError(p);
    return;
  }
  if (M <= 2) {
    Y--;
    M += 12;
  }
  const A = trunc((Y + 4800) / 100);
  const B = 38 - A + trunc(A / 4);
  const X1 = trunc((36525 * (Y + 4716)) / 100);
  const X2 = trunc((306001 * (M + 1)) / 10000);
  p.iJD = trunc((X1 + X2 + D + B - 1524.5) * 86400000);
  p.validJD = true;
  if (p.validHMS) {
    p.iJD += p.h * 3600000 + p.m * 60000 + trunc(p.s * 1000 + 0.5);
    if (p.tz) {
      p.iJD -= p.tz * 60000;
      p.validYMD = false;
      p.validHMS = false;
      p.tz = 0;
      p.isUtc = true;
      p.isLocal = false;
    }
  }
}

export function computeFloor(p: DateTime): void {
  if (p.D <= 28) p.nFloor = 0;
  else if ((1 << p.M) & 0x15aa) p.nFloor = 0;
  else if (p.M !== 2) p.nFloor = p.D === 31 ? 1 : 0;
  else if (p.Y % 4 !== 0 || (p.Y % 100 === 0 && p.Y % 400 !== 0)) p.nFloor = p.D - 28;
  else p.nFloor = p.D - 29;
}

function parseYyyyMmDd(text: string, p: DateTime): boolean {
  let at = 0;
  let negative = false;
  if (text[0] === '-') {
    at = 1;
    negative = true;
  }
  const ymd = digitsExactly(text, at, '40f-21a-21d', 3);
  if (!ymd) return false;
  at += 10;
  while (isSpace(text[at]) || text[at] === 'T') at++;
  if (parseHhMmSs(text, at, p)) {
    // got the time
  } else if (at >= text.length) p.validHMS = false;
  else return false;
  p.validJD = false;
  p.validYMD = true;
  p.Y = negative ? -ymd[0]! : ymd[0]!;
  p.M = ymd[1]!;
  p.D = ymd[2]!;
  computeFloor(p);
  if (p.tz) computeJD(p);
  return true;
}

export function setCurrent(p: DateTime, nowJD: number): void {
  p.iJD = nowJD;
  p.validJD = true;
  p.isUtc = true;
  p.isLocal = false;
  clearYMD_HMS_TZ(p);
}

export function setRawDateNumber(p: DateTime, r: number): void {
  p.s = r;
  p.rawS = true;
  if (r >= 0 && r < 5373484.5) {
    p.iJD = trunc(r * 86400000 + 0.5);
    p.validJD = true;
  }
}

/** sqlite3AtoF(...) > 0: the whole text (spaces aside) is a number. */
export function wholeNumber(text: string): number | null {
  const parsed = parseReal(text);
  return parsed.whole ? parsed.value : null;
}

/** parseDateOrTime; returns false when the text is not a time value. */
export function parseDateOrTime(text: string, p: DateTime, now: () => number): boolean {
  // C strings end at the first NUL.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) text = text.slice(0, nul);
  if (parseYyyyMmDd(text, p)) return true;
  if (parseHhMmSs(text, 0, p)) return true;
  const lower = text.toLowerCase();
  if (lower === 'now') {
    setCurrent(p, now());
    return true;
  }
  const r = wholeNumber(text);
  if (r !== null) {
    setRawDateNumber(p, r);
    return true;
  }
  if (lower === 'subsec' || lower === 'subsecond') {
    p.useSubsec = true;
    setCurrent(p, now());
    return true;
  }
  return false;
}

export function validJulianDay(iJD: number): boolean {
  return iJD >= 0 && iJD <= MAX_JD;
}

export function computeYMD(p: DateTime): void {
  if (p.validYMD) return;
  if (!p.validJD) {
    p.Y = 2000;
    p.M = 1;
    p.D = 1;
  } else if (!validJulianDay(p.iJD)) {
    datetimeError(p);
    return;
  } else {
    const Z = trunc((p.iJD + 43200000) / 86400000);
    const alpha = trunc((Z + 32044.75) / 36524.25) - 52;
    const A = Z + 1 + alpha - trunc((alpha + 100) / 4) + 25;
    const B = A + 1524;
    const C = trunc((B - 122.1) / 365.25);
    const D = trunc((36525 * (C & 32767)) / 100);
    const E = trunc((B - D) / 30.6001);
    const X1 = trunc(30.6001 * E);
    p.D = B - D - X1;
    p.M = E < 14 ? E - 1 : E - 13;
    p.Y = p.M > 2 ? C - 4716 : C - 4715;
  }
  p.validYMD = true;
}

export function computeHMS(p: DateTime): void {
  if (p.validHMS) return;
  computeJD(p);
  const dayMs = trunc((p.iJD + 43200000) % 86400000);
  p.s = (dayMs % 60000) / 1000;
  const dayMin = trunc(dayMs / 60000);
  p.m = dayMin % 60;
  p.h = trunc(dayMin / 60);
  p.rawS = false;
  p.validHMS = true;
}

export function computeYMD_HMS(p: DateTime): void {
  computeYMD(p);
  computeHMS(p);
}

export function clearYMD_HMS_TZ(p: DateTime): void {
  p.validYMD = false;
  p.validHMS = false;
  p.tz = 0;
}

/** toLocaltime through the JS Date of the platform (years outside 1970-2037 mapped as SQLite does). */
export function toLocaltime(p: DateTime): void {
  computeJD(p);
  let yearDiff = 0;
  let t: number;
  if (p.iJD < 210866760000000 || p.iJD > 213014145600000) {
    const x: DateTime = { ...p };
    computeYMD_HMS(x);
    yearDiff = 2000 + (x.Y % 4) - x.Y;
    x.Y += yearDiff;
    x.validJD = false;
    computeJD(x);
    t = trunc(x.iJD / 1000) - 210866760000;
  } else t = trunc(p.iJD / 1000) - 210866760000;
  const local = new Date(t * 1000);
  p.Y = local.getFullYear() - yearDiff;
  p.M = local.getMonth() + 1;
  p.D = local.getDate();
  p.h = local.getHours();
  p.m = local.getMinutes();
  p.s = local.getSeconds() + (p.iJD % 1000) * 0.001;
  p.validYMD = true;
  p.validHMS = true;
  p.validJD = false;
  p.rawS = false;
  p.tz = 0;
  p.isError = false;
}
