// A snapshot-isolation checker for recorded histories. Every write of a row stamps it with the
// writing attempt's unique tag, so each read names exactly the write it saw. From the attempts'
// reads and writes and which attempts committed, it verifies:
//   - no dirty read: every tag read was written by a committed attempt (or is the initial 0);
//   - no lost update: per row, the committed writes form one chain, each reading its predecessor;
//   - one snapshot per transaction: a single order of commits and snapshot starts exists in which
//     each transaction started after the writes it read committed and before their successors did
//     (the start/commit graph is acyclic).

export interface Attempt {
  readonly tag: number;
  /** row -> tag of the write the attempt read (0: the initial row). */
  readonly reads: Map<number, number>;
  /** Rows the attempt wrote (each read first, and stamped with `tag`). */
  readonly writes: Set<number>;
  committed: boolean;
}

export class HistoryRecorder {
  private nextTag = 1;
  readonly attempts: Attempt[] = [];

  begin(): Attempt {
    const attempt: Attempt = { tag: this.nextTag++, reads: new Map(), writes: new Set(), committed: false };
    this.attempts.push(attempt);
    return attempt;
  }
}

/** The violations found (empty when the history is snapshot isolated). */
export function checkSnapshotIsolation(attempts: readonly Attempt[], finalTags: ReadonlyMap<number, number>): string[] {
  const problems: string[] = [];
  const byTag = new Map<number, Attempt>();
  for (const attempt of attempts) byTag.set(attempt.tag, attempt);
  const committed = attempts.filter((a) => a.committed);

  // Dirty reads.
  for (const attempt of attempts) {
    for (const [row, tag] of attempt.reads) {
      if (tag !== 0 && !byTag.get(tag)?.committed) problems.push(`dirty read: attempt ${attempt.tag} read row ${row} written by uncommitted ${tag}`);
    }
  }

  // Per row: the committed writer that follows each write (its reader among the committed writers).
  const successor = new Map<string, number>();
  for (const writer of committed) {
    for (const row of writer.writes) {
      const previous = writer.reads.get(row);
      if (previous === undefined) {
        problems.push(`attempt ${writer.tag} wrote row ${row} without reading it`);
        continue;
      }
      const key = `${row}:${previous}`;
      const other = successor.get(key);
      if (other !== undefined) problems.push(`lost update: attempts ${other} and ${writer.tag} both overwrote row ${row} version ${previous}`);
      successor.set(key, writer.tag);
    }
  }
  // Each row's chain from the initial version must end at the row's final tag and hold every write.
  for (const [row, finalTag] of finalTags) {
    let tag = 0;
    let length = 0;
    while (successor.has(`${row}:${tag}`) && length <= committed.length) {
      tag = successor.get(`${row}:${tag}`)!;
      length++;
    }
    const writers = committed.filter((a) => a.writes.has(row)).length;
    if (tag !== finalTag || length !== writers) problems.push(`row ${row}: chain of ${length} ends at ${tag}, table holds ${finalTag}, ${writers} committed writes`);
  }

  // One snapshot per transaction: nodes start(a) = 2*i, commit(a) = 2*i+1 over committed attempts;
  // aborted attempts contribute their start only (their reads must be one snapshot too).
  const index = new Map<number, number>();
  attempts.forEach((a, i) => index.set(a.tag, i));
  const edges: number[][] = attempts.flatMap(() => [[], []]);
  const start = (a: Attempt): number => 2 * index.get(a.tag)!;
  const commit = (a: Attempt): number => 2 * index.get(a.tag)! + 1;
  for (const a of committed) edges[start(a)]!.push(commit(a));
  for (const writer of committed) {
    for (const row of writer.writes) {
      const next = successor.get(`${row}:${writer.tag}`);
      if (next !== undefined) edges[commit(writer)]!.push(commit(byTag.get(next)!));
    }
  }
  for (const reader of attempts) {
    for (const [row, tag] of reader.reads) {
      if (tag !== 0) {
        const writer = byTag.get(tag);
        if (writer?.committed) edges[commit(writer)]!.push(start(reader));
      }
      const next = successor.get(`${row}:${tag}`);
      if (next !== undefined && next !== reader.tag) edges[start(reader)]!.push(commit(byTag.get(next)!));
    }
  }
  const cycle = findCycle(edges);
  if (cycle) {
    const names = cycle.map((node) => `${node % 2 === 0 ? 'start' : 'commit'}(${attempts[node >> 1]!.tag})`);
    problems.push(`no single snapshot order: ${names.join(' -> ')}`);
  }
  return problems;
}

/** A cycle of the directed graph (as its nodes), or null; iterative DFS. */
function findCycle(edges: readonly number[][]): number[] | null {
  const state = new Uint8Array(edges.length); // 0 new, 1 on stack, 2 done
  const parent = new Int32Array(edges.length).fill(-1);
  for (let root = 0; root < edges.length; root++) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, next] = top;
      if (next >= edges[node]!.length) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const to = edges[node]![next]!;
      if (state[to] === 1) {
        const cycle = [to];
        for (let at = node; at !== to && at !== -1; at = parent[at]!) cycle.push(at);
        return cycle.reverse();
      }
      if (state[to] === 0) {
        state[to] = 1;
        parent[to] = node;
        stack.push([to, 0]);
      }
    }
  }
  return null;
}
