// Date and time functions: every time-value format and modifier on Tandem and on better-sqlite3
// (fixed times only), strftime with every conversion, timediff, and 'now' checks that do not
// depend on the clock value.

import { afterAll, describe, expect, it } from 'vitest';
import { runTandem } from '../sql/differential.js';
import { compareAll, openPair } from './support.js';

const pair = openPair();
afterAll(() => pair.close());

const TIME_VALUES = [
  "'2024-02-29'", "'2024-02-29 13:45'", "'2024-02-29 13:45:30'", "'2024-02-29 13:45:30.123'", "'2024-02-29T13:45:30.1239'", "'2024-02-29 13:45:30.9999'",
  "'2023-02-31'", "'2023-01-31 23:59:59'", "'2000-12-31'", "'1970-01-01'", "'1969-12-31 23:59:59.5'", "'0000-01-01'", "'-0044-03-15'", "'9999-12-31 23:59:59.999'",
  "'2024-06-01 10:00+05:30'", "'2024-06-01 10:00:00-0800'", "'2024-06-01 10:00:00 -08:00'", "'2024-06-01 10:00Z'", "'2024-06-01T10:00:00.5z'", "'2024-06-01 10:00 +00:00'",
  "'13:45'", "'13:45:30.5'", "'24:00'", "'25:00'", "'2024-13-01'", "'2024-1-01'", "'2024-01-01 1:00'", "' 2024-01-01'", "'2024-01-01 '", "'2024-01-01x'",
  '2460000.5', '0', '5373484.4', '5373484.5', '-1', '1700000000', '1700000000.75', "'2460000.25'", "'abc'", "''", 'NULL', "x'32303234'", '2451545', "'now'",
];

const MODIFIERS = [
  "'+1 day'", "'-1 days'", "'+1.5 days'", "'+36 hours'", "'-90 minutes'", "'+30.5 seconds'", "'+1 month'", "'-1 month'", "'+13 months'", "'-25 months'",
  "'+1.5 months'", "'+1 year'", "'-4 years'", "'+0.5 years'", "' +2  DAYS'", "'+5'", "'+1 fortnight'", "'+10:30'", "'-01:15:30.5'", "'+25:00'",
  "'+0001-02-03'", "'-0001-00-00 12:00'", "'+0000-13-00'", "'+00001-01-01'", "'start of month'", "'start of year'", "'start of day'", "'start of week'",
  "'weekday 0'", "'weekday 3'", "'weekday 7'", "'weekday 1.5'", "'unixepoch'", "'julianday'", "'auto'", "'utc'", "'localtime'", "'subsec'", "'subsecond'",
  "'ceiling'", "'floor'", 'NULL', '5', "'+1 day '", "'+1 dayss'",
];

const noNow = (values: string[]): string[] => values.filter((v) => v !== "'now'");

describe('date and time functions agree with SQLite', () => {
  it('every time value through date, time, datetime, julianday, unixepoch', () => {
    const statements = noNow(TIME_VALUES).map((v) => `SELECT date(${v}), time(${v}), datetime(${v}), julianday(${v}), unixepoch(${v}), typeof(julianday(${v})), typeof(unixepoch(${v}))`);
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('every modifier on several time values', () => {
    const bases = ["'2024-01-31 12:34:56.789'", "'2023-03-31'", "'2024-02-29 23:30'", '1700000000', '2460000.5', "'12:00'", '-86400.5', "'2000-01-01 00:00 +02:00'"];
    const statements = bases.flatMap((b) => MODIFIERS.map((m) => `SELECT datetime(${b}, ${m}), julianday(${b}, ${m}), unixepoch(${b}, ${m})`));
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('modifier chains, floor/ceiling and order rules', () => {
    const statements = [
      "SELECT date('2024-01-31', '+1 month', 'floor'), date('2024-01-31', '+1 month', 'ceiling'), date('2024-01-31', '+1 month')",
      "SELECT date('2023-03-31', '-1 month', 'floor'), date('2024-02-29', '+1 year', 'floor'), date('2024-02-29', '+1 year')",
      "SELECT date('2024-01-31', '+0001-01-00', 'floor'), date('2024-03-31', '-0000-01-00', 'floor')",
      "SELECT datetime(1700000000, 'unixepoch', 'start of day', '+1 day', 'weekday 1')", "SELECT datetime('2024-01-01', 'unixepoch')",
      "SELECT datetime(1700000000, '+1 day', 'unixepoch')", "SELECT datetime(2460000.5, 'auto'), datetime(1700000000, 'auto'), datetime(1e12, 'auto'), datetime(-1e11, 'auto')",
      "SELECT datetime(2460000, 'julianday'), datetime('2460000', 'julianday'), datetime(1e7, 'julianday'), datetime('2024-01-01', 'julianday')",
      "SELECT datetime('2024-01-01 12:00', 'subsec'), time('12:00:01.25', 'subsec'), unixepoch('2024-01-01 00:00:00.123', 'subsec')",
      "SELECT datetime('2024-01-01', 'localtime', 'utc'), datetime('2024-06-01 12:00', 'utc'), datetime('2024-06-01 12:00Z', 'localtime')",
      "SELECT datetime('9999-12-31', '+1 day'), datetime('0000-01-01', '-1 day'), date('-4713-11-24'), date('-4714-11-24')",
      "SELECT julianday('2000-01-01 12:00'), julianday(2451545.0), julianday('2451545.0'), julianday('  2451545  ')",
    ];
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('strftime with every conversion', () => {
    const conversions = ['%d', '%e', '%f', '%F', '%G', '%g', '%H', '%k', '%I', '%l', '%j', '%J', '%m', '%M', '%p', '%P', '%R', '%s', '%S', '%T', '%u', '%w', '%U', '%V', '%W', '%Y', '%%', '%x', '%', 'plain', '', '%Y-%m-%dT%H:%M:%fZ'];
    const dates = ["'2024-01-01 00:00:00'", "'2021-01-03 12:00:00'", "'2020-12-31 23:59:59.999'", "'2027-01-01 13:07:05.5'", "'2026-12-31'", "'0001-01-01 07:08:09'", "'-0500-06-15'", '2460000.5', "'2024-03-10 12:34:56'", "'2015-01-01'", "'2016-01-03'"];
    const statements = conversions.flatMap((c) => dates.map((d) => `SELECT strftime('${c}', ${d}), strftime('${c}', ${d}, 'subsec')`));
    statements.push("SELECT strftime(NULL, '2024-01-01')", "SELECT strftime('%Y', NULL)", 'SELECT strftime()', "SELECT strftime('%Y-%m', '2024-05-06', '+1 month')");
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('timediff over pairs of dates', () => {
    const dates = ["'2024-01-31'", "'2024-03-01 12:00:00.5'", "'2023-02-28 23:59:59'", "'2000-01-01'", "'1999-12-31 23:00'", "'2024-02-29'", '2460000.5', "'abc'", 'NULL', "'2025-05-31 10:00'"];
    const statements = dates.flatMap((a) => dates.map((b) => `SELECT timediff(${a}, ${b})`));
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it("'now' is stable within a statement and has the right shape", () => {
    const statement = "SELECT datetime('now') = datetime(), julianday('now') = julianday(), length(date()), length(time('now')), typeof(unixepoch()), unixepoch('now') > 1700000000, datetime('now') = datetime(unixepoch('now'), 'unixepoch')";
    expect(runTandem(pair.tandem, statement)).toEqual({ rows: [[1n, 1n, 10n, 8n, 'integer', 1n, 1n]] });
    expect(compareAll(pair, ["SELECT typeof(julianday('now')), length(datetime('now', 'subsec')), strftime('%Y', 'now') = strftime('%Y'), date('NOW') = date('now')"])).toEqual([]);
  });
});
