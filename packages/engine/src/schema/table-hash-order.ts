// The order in which SQLite walks a schema's tables when a statement visits "every table" (PRAGMA
// foreign_key_check without an argument): the iteration order of its table hash, which depends on
// the names' hashes and the order they were added. Modelled here for tables added in schema order,
// after sqlite_master, as a freshly loaded schema has them.

/** SQLite's case-insensitive multiplicative string hash over the name's UTF-8 bytes. */
function nameHash(name: string): number {
  let h = 0;
  for (const byte of new TextEncoder().encode(name)) {
    h = (h + (byte & 0xdf)) >>> 0;
    h = Math.imul(h, 0x9e3779b1) >>> 0;
  }
  return h;
}

interface Bucket {
  count: number;
  chain: number;
}

/** Names in the order SQLite's hash iterates them after inserting `names` in order. */
export function hashIterationOrder(names: readonly string[]): string[] {
  // A doubly linked list of positions into `names`, plus buckets once the table grows.
  const next: number[] = [];
  const prev: number[] = [];
  let first = -1;
  let buckets: Bucket[] = [];
  const link = (bucket: Bucket | null, element: number): void => {
    let head = -1;
    if (bucket) {
      head = bucket.count > 0 ? bucket.chain : -1;
      bucket.count++;
      bucket.chain = element;
    }
    if (head >= 0) {
      next[element] = head;
      prev[element] = prev[head]!;
      if (prev[head]! >= 0) next[prev[head]!] = element;
      else first = element;
      prev[head] = element;
    } else {
      next[element] = first;
      if (first >= 0) prev[first] = element;
      prev[element] = -1;
      first = element;
    }
  };
  names.forEach((name, element) => {
    const count = element + 1;
    if (count >= 5 && count > 2 * buckets.length) {
      const size = count * 3;
      buckets = Array.from({ length: size }, () => ({ count: 0, chain: -1 }));
      const order: number[] = [];
      for (let e = first; e >= 0; e = next[e]!) order.push(e);
      first = -1;
      for (const e of order) link(buckets[nameHash(names[e]!) % size]!, e);
    }
    link(buckets.length > 0 ? buckets[nameHash(name) % buckets.length]! : null, element);
  });
  const order: string[] = [];
  for (let e = first; e >= 0; e = next[e]!) order.push(names[e]!);
  return order;
}
