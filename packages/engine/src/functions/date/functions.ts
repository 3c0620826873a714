// The SQL date and time functions (date.c): date, time, datetime, julianday, unixepoch, strftime,
// timediff, current_date/time/timestamp. 'now' is read once per synchronous run of the engine
// (cleared on the next microtask), so every call within one statement step sees the same time.

import type { SqlValue } from '../../common/values.js';
import { valueToText } from '../../values/cast.js';
import { scalar } from '../define.js';
import { sqlPrintf } from '../printf.js';
import type { FunctionRegistry, ScalarEntry } from '../registry.js';
import {
  clearYMD_HMS_TZ, computeJD, computeYMD, computeYMD_HMS, emptyDateTime, parseDateOrTime, setCurrent, setRawDateNumber,
  UNIX_EPOCH_JD, validJulianDay, type DateTime,
} from './datetime.js';
import { applyModifier } from './modifiers.js';

const trunc = Math.trunc;
let cachedNow: number | null = null;

/** The current time as iJD, stable until the current synchronous run of the engine ends. */
export function statementNow(): number {
  if (cachedNow === null) {
    cachedNow = Date.now() + UNIX_EPOCH_JD;
    queueMicrotask(() => {
      cachedNow = null;
    });
  }
  return cachedNow;
}

/** isDate(): parses the time value and applies the modifiers; null when any of it is invalid. */
function isDate(args: readonly SqlValue[]): DateTime | null {
  const p = emptyDateTime();
  if (args.length === 0) {
    setCurrent(p, statementNow());
    return p;
  }
  const first = args[0]!;
  if (typeof first === 'bigint' || typeof first === 'number') setRawDateNumber(p, Number(first));
  else if (first === null || !parseDateOrTime(valueToText(first), p, statementNow)) return null;
  for (let i = 1; i < args.length; i++) {
    const mod = args[i]!;
    if (mod === null || !applyModifier(valueToText(mod), p, i)) return null;
  }
  computeJD(p);
  if (p.isError || !validJulianDay(p.iJD)) return null;
  if (args.length === 1 && p.validYMD && p.D > 28) p.validYMD = false;
  return p;
}

const two = (n: number): string => String(trunc(n) % 100).padStart(2, '0');

function ymd(x: DateTime): string {
  const year = String(Math.abs(x.Y) % 10000).padStart(4, '0');
  return `${x.Y < 0 ? '-' : ''}${year}-${two(x.M)}-${two(x.D)}`;
}

function hms(x: DateTime): string {
  if (x.useSubsec) {
    const s = trunc(1000 * x.s + 0.5);
    return `${two(x.h)}:${two(x.m)}:${two(trunc(s / 1000))}.${String(s % 1000).padStart(3, '0')}`;
  }
  return `${two(x.h)}:${two(x.m)}:${two(x.s)}`;
}

function daysAfterJan01(x: DateTime): number {
  const jan01: DateTime = { ...x, validJD: false, M: 1, D: 1 };
  computeJD(jan01);
  return trunc((x.iJD - jan01.iJD + 43200000) / 86400000);
}
const daysAfterMonday = (x: DateTime): number => trunc((x.iJD + 43200000) / 86400000) % 7;
const daysAfterSunday = (x: DateTime): number => trunc((x.iJD + 129600000) / 86400000) % 7;

/** The Thursday of x's ISO week (for %G, %g, %V). */
function isoThursday(x: DateTime): DateTime {
  const y: DateTime = { ...x, iJD: x.iJD + (3 - daysAfterMonday(x)) * 86400000, validYMD: false };
  computeYMD(y);
  return y;
}

const fmt = (format: string, ...values: SqlValue[]): string => sqlPrintf(format, values) ?? '';

function strftime(args: readonly SqlValue[]): SqlValue {
  if (args.length === 0 || args[0] === null) return null;
  const format = valueToText(args[0]!);
  const x = isDate(args.slice(1));
  if (!x) return null;
  computeJD(x);
  computeYMD_HMS(x);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const cf = format[++i];
    const h12 = x.h > 12 ? x.h - 12 : x.h === 0 ? 12 : x.h;
    switch (cf) {
      case 'd': out += fmt('%02d', BigInt(x.D)); break;
      case 'e': out += fmt('%2d', BigInt(x.D)); break;
      case 'f': out += fmt('%06.3f', x.s > 59.999 ? 59.999 : x.s); break;
      case 'F': out += fmt('%04d-%02d-%02d', BigInt(x.Y), BigInt(x.M), BigInt(x.D)); break;
      case 'G': out += fmt('%04d', BigInt(isoThursday(x).Y)); break;
      case 'g': out += fmt('%02d', BigInt(isoThursday(x).Y % 100)); break;
      case 'H': out += fmt('%02d', BigInt(x.h)); break;
      case 'k': out += fmt('%2d', BigInt(x.h)); break;
      case 'I': out += fmt('%02d', BigInt(h12)); break;
      case 'l': out += fmt('%2d', BigInt(h12)); break;
      case 'j': out += fmt('%03d', BigInt(daysAfterJan01(x) + 1)); break;
      case 'J': out += fmt('%.16g', x.iJD / 86400000); break;
      case 'm': out += fmt('%02d', BigInt(x.M)); break;
      case 'M': out += fmt('%02d', BigInt(x.m)); break;
      case 'p': out += x.h >= 12 ? 'PM' : 'AM'; break;
      case 'P': out += x.h >= 12 ? 'pm' : 'am'; break;
      case 'R': out += fmt('%02d:%02d', BigInt(x.h), BigInt(x.m)); break;
      case 's':
        out += x.useSubsec ? fmt('%.3f', (x.iJD - UNIX_EPOCH_JD) / 1000) : String(trunc(x.iJD / 1000) - UNIX_EPOCH_JD / 1000);
        break;
      case 'S': out += fmt('%02d', BigInt(trunc(x.s))); break;
      case 'T': out += fmt('%02d:%02d:%02d', BigInt(x.h), BigInt(x.m), BigInt(trunc(x.s))); break;
      case 'u': out += String(daysAfterSunday(x) || 7); break;
      case 'w': out += String(daysAfterSunday(x)); break;
      case 'U': out += fmt('%02d', BigInt(trunc((daysAfterJan01(x) - daysAfterSunday(x) + 7) / 7))); break;
      case 'V': out += fmt('%02d', BigInt(trunc(daysAfterJan01(isoThursday(x)) / 7) + 1)); break;
      case 'W': out += fmt('%02d', BigInt(trunc((daysAfterJan01(x) - daysAfterMonday(x) + 7) / 7))); break;
      case 'Y': out += fmt('%04d', BigInt(x.Y)); break;
      case '%': out += '%'; break;
      default: return null;
    }
  }
  return out;
}

function timediff([a, b]: readonly SqlValue[]): SqlValue {
  const d1 = isDate([a!]);
  if (!d1) return null;
  const d2 = isDate([b!]);
  if (!d2) return null;
  computeYMD_HMS(d1);
  computeYMD_HMS(d2);
  let sign: string;
  let Y: number;
  let M: number;
  const recompute = (): void => {
    d2.validJD = false;
    computeJD(d2);
  };
  if (d1.iJD >= d2.iJD) {
    sign = '+';
    Y = d1.Y - d2.Y;
    if (Y) {
      d2.Y = d1.Y;
      recompute();
    }
    M = d1.M - d2.M;
    if (M < 0) {
      Y--;
      M += 12;
    }
    if (M !== 0) {
      d2.M = d1.M;
      recompute();
    }
    while (d1.iJD < d2.iJD) {
      M--;
      if (M < 0) {
        M = 11;
        Y--;
      }
      d2.M--;
      if (d2.M < 1) {
        d2.M = 12;
        d2.Y--;
      }
      recompute();
    }
    d1.iJD -= d2.iJD;
  } else {
    sign = '-';
    Y = d2.Y - d1.Y;
    if (Y) {
      d2.Y = d1.Y;
      recompute();
    }
    M = d2.M - d1.M;
    if (M < 0) {
      Y--;
      M += 12;
    }
    if (M !== 0) {
      d2.M = d1.M;
      recompute();
    }
    while (d1.iJD > d2.iJD) {
      M--;
      if (M < 0) {
        M = 11;
        Y--;
      }
      d2.M++;
      if (d2.M > 12) {
        d2.M = 1;
        d2.Y++;
      }
      recompute();
    }
    d1.iJD = d2.iJD - d1.iJD;
  }
  d1.iJD += 148699540800000;
  clearYMD_HMS_TZ(d1);
  computeYMD_HMS(d1);
  return fmt('%s%04d-%02d-%02d %02d:%02d:%06.3f', sign, BigInt(Y), BigInt(M), BigInt(d1.D - 1), BigInt(d1.h), BigInt(d1.m), d1.s);
}

function dateValue(render: (x: DateTime) => SqlValue) {
  return (args: readonly SqlValue[]): SqlValue => {
    const x = isDate(args);
    return x ? render(x) : null;
  };
}

const renderDate = (x: DateTime): SqlValue => (computeYMD(x), ymd(x));
const renderTime = (x: DateTime): SqlValue => (computeYMD_HMS(x), hms(x));
const renderDatetime = (x: DateTime): SqlValue => (computeYMD_HMS(x), `${ymd(x)} ${hms(x)}`);

export function registerDateFunctions(registry: FunctionRegistry): void {
  const variadic = (name: string, fn: ScalarEntry['invoke']): ScalarEntry => scalar(name, -1, fn, { minArgs: 0, deterministic: false });
  const fns: ScalarEntry[] = [
    variadic('date', dateValue(renderDate)),
    variadic('time', dateValue(renderTime)),
    variadic('datetime', dateValue(renderDatetime)),
    variadic('julianday', dateValue((x) => x.iJD / 86400000)),
    variadic('unixepoch', dateValue((x) => (x.useSubsec ? (x.iJD - UNIX_EPOCH_JD) / 1000 : BigInt(trunc(x.iJD / 1000) - UNIX_EPOCH_JD / 1000)))),
    variadic('strftime', strftime),
    scalar('timediff', 2, timediff, { deterministic: false }),
    scalar('current_date', 0, () => renderDate(isDate([])!), { deterministic: false }),
    scalar('current_time', 0, () => renderTime(isDate([])!), { deterministic: false }),
    scalar('current_timestamp', 0, () => renderDatetime(isDate([])!), { deterministic: false }),
  ];
  for (const fn of fns) registry.addScalar(fn);
}
