// Cache of immutable page images shared by every snapshot of one Pager. Keys: a database-file
// page is keyed by its page number (> 0), a WAL frame by minus its frame number (< 0); a frame's
// content never changes until the WAL restarts, which clears the frame entries.
//
// Replacement is CLOCK (second chance): a hit only sets the slot's reference bit, so the hot
// path is one Map lookup and no reordering; an insert into a full cache sweeps the hand,
// clearing reference bits, and evicts the first slot found unreferenced. New entries start
// unreferenced and sit just behind the hand, so they are the last the sweep reaches.

/** SQLite's default cache_size as built into better-sqlite3: negative means KiB, so about 16 MB. */
export const DEFAULT_CACHE_SIZE = -16000;

/** Converts a PRAGMA cache_size value into a capacity in pages (at least 1). */
export function cacheCapacityInPages(cacheSize: number, pageSize: number): number {
  if (cacheSize >= 0) return Math.max(1, cacheSize);
  return Math.max(1, Math.ceil((-cacheSize * 1024) / pageSize));
}

export class PageCache {
  /** key -> slot index into the parallel arrays below. */
  private readonly slotOf = new Map<number, number>();
  private keys: number[] = [];
  /** null marks a free slot (listed in `freeSlots`). */
  private pages: Array<Uint8Array | null> = [];
  /** 1 when the slot was hit since the hand last passed it. */
  private referenced: number[] = [];
  private freeSlots: number[] = [];
  private hand = 0;

  constructor(private capacity: number) {
    this.capacity = Math.max(1, capacity);
  }

  get size(): number {
    return this.slotOf.size;
  }

  setCapacity(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    if (this.pages.length <= this.capacity) return;
    // Shrinking: keep referenced entries first, then the rest, up to the new capacity.
    const live: Array<[number, Uint8Array, number]> = [];
    for (const [key, slot] of this.slotOf) live.push([key, this.pages[slot]!, this.referenced[slot]!]);
    live.sort((a, b) => b[2] - a[2]);
    this.clear();
    for (const [key, page, ref] of live.slice(0, this.capacity)) {
      this.set(key, page);
      this.referenced[this.slotOf.get(key)!] = ref;
    }
  }

  get(key: number): Uint8Array | undefined {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return undefined;
    this.referenced[slot] = 1;
    return this.pages[slot]!;
  }

  set(key: number, page: Uint8Array): void {
    let slot = this.slotOf.get(key);
    if (slot !== undefined) {
      this.pages[slot] = page;
      return;
    }
    slot = this.freeSlots.pop();
    if (slot === undefined) {
      if (this.pages.length < this.capacity) {
        slot = this.pages.length;
        this.pages.push(null);
        this.keys.push(0);
        this.referenced.push(0);
      } else {
        slot = this.evictOne();
      }
    }
    this.slotOf.set(key, slot);
    this.keys[slot] = key;
    this.pages[slot] = page;
    this.referenced[slot] = 0;
  }

  delete(key: number): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    this.slotOf.delete(key);
    this.pages[slot] = null;
    this.referenced[slot] = 0;
    this.freeSlots.push(slot);
  }

  /** Drops every WAL-frame entry (the WAL restarted, frame numbers will be reused). */
  clearFrames(): void {
    for (const key of [...this.slotOf.keys()]) if (key < 0) this.delete(key);
  }

  clear(): void {
    this.slotOf.clear();
    this.keys = [];
    this.pages = [];
    this.referenced = [];
    this.freeSlots = [];
    this.hand = 0;
  }

  /** Frees the slot of the first unreferenced entry the hand reaches (every slot is in use). */
  private evictOne(): number {
    const count = this.pages.length;
    for (;;) {
      const slot = this.hand;
      this.hand = slot + 1 === count ? 0 : slot + 1;
      if (this.referenced[slot] === 1) {
        this.referenced[slot] = 0;
        continue;
      }
      this.slotOf.delete(this.keys[slot]!);
      this.pages[slot] = null;
      return slot;
    }
  }
}

/** Cache key of a database-file page. */
export function dbPageKey(pgno: number): number {
  return pgno;
}

/** Cache key of a WAL frame. */
export function frameKey(frame: number): number {
  return -frame;
}
