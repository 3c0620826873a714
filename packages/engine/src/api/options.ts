// Option parsing shared by the Database constructor, pragma(), function() and aggregate(), with
// better-sqlite3's validation messages.

/** options[key] as a boolean (false when absent); anything but a boolean is a TypeError. */
export function getBooleanOption(options: Record<string, unknown>, key: string): boolean {
  if (!(key in options)) return false;
  const value = options[key];
  if (typeof value !== 'boolean') throw new TypeError(`Expected the "${key}" option to be a boolean`);
  return value;
}
