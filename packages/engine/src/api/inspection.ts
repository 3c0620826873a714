// What console.log / util.inspect show for Database and Statement: their public state under the class
// name, as better-sqlite3 prints them, instead of engine internals.

const constructors = new Map<string, { prototype: object }>();

/** A plain snapshot of `fields` whose constructor is named `className`. */
export function inspectionOf(className: string, fields: object): object {
  let ctor = constructors.get(className);
  if (!ctor) {
    const fn = function () {};
    // Set explicitly: bundlers may rename local functions.
    Object.defineProperty(fn, 'name', { value: className });
    ctor = fn as unknown as { prototype: object };
    constructors.set(className, ctor);
  }
  return Object.assign(Object.create(ctor.prototype) as object, fields);
}

/** Node's util.inspect hook (a registered symbol, so no Node import is needed). */
export const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
