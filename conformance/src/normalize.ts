// Results as typed JSON, so that a value's JavaScript type is part of the comparison: a bigint and
// a number, a Buffer and a Uint8Array, a Date and its ISO string all compare unequal.

export type Typed = null | boolean | string | number | Typed[] | { [key: string]: Typed };

export function normalize(value: unknown, seen = new Set<unknown>()): Typed {
  if (value === null) return null;
  switch (typeof value) {
    case 'undefined':
      return { $undefined: true };
    case 'bigint':
      return { $bigint: value.toString() };
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: Object.is(value, -0) ? '-0' : String(value) };
    case 'string':
    case 'boolean':
      return value;
    case 'function':
    case 'symbol':
      return { $unexpected: typeof value };
  }
  if (seen.has(value)) return { $circular: true };
  seen.add(value);
  try {
    if (value instanceof Error) return describeError(value, seen);
    if (Buffer.isBuffer(value)) return { $Buffer: value.toString('hex') };
    if (value instanceof Uint8Array) return { [`$${value.constructor.name}`]: Buffer.from(value).toString('hex') };
    if (value instanceof Date) return { $Date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
    if (Array.isArray(value)) return value.map((item) => normalize(item, seen));
    const proto = Object.getPrototypeOf(value) as object | null;
    const out: Record<string, Typed> = {};
    if (proto !== Object.prototype && proto !== null) {
      // A class instance: its class, and its text (a value class such as Prisma's Decimal) or its fields.
      out.$class = (value as object).constructor?.name ?? 'unknown';
      const text = String(value);
      if (text !== '[object Object]') return { ...out, text };
    }
    for (const [key, item] of Object.entries(value)) out[key] = normalize(item, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** An error as its class, code and message, and those of its causes. */
export function describeError(error: unknown, seen = new Set<unknown>()): Typed {
  if (!(error instanceof Error)) return { $thrown: normalize(error, seen) };
  const e = error as Error & { code?: unknown; cause?: unknown; meta?: unknown };
  const out: Record<string, Typed> = { $error: e.constructor.name, message: e.message };
  if (e.code !== undefined) out.code = normalize(e.code, seen);
  if (e.meta !== undefined) out.meta = normalize(e.meta, seen);
  if (e.cause !== undefined) out.cause = describeError(e.cause, seen);
  return out;
}

/** Runs fn and returns its result, or the error it threw, normalized: expected failures are results too. */
export async function attempt(fn: () => unknown): Promise<Typed> {
  try {
    return { ok: normalize(await fn()) };
  } catch (error) {
    return { failed: describeError(error) };
  }
}
