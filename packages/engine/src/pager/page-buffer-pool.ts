// Recycled page-sized buffers for savepoint pre-images. Statement savepoints copy a page the
// first time each statement writes it; pooling those copies turns the per-statement 4 KB
// allocation (and the garbage it leaves) into a plain memcpy.
//
// Invariant: a buffer enters the pool only when nothing references it any more: a pre-image
// dropped by release() or consumed by rollbackTo(). Arrays handed out by getWritable()/getPage()
// never enter the pool.

/** Bytes kept for reuse at most; a larger burst (one statement touching many pages) is left to GC. */
const MAX_POOLED_BYTES = 1 << 20;

export class PageBufferPool {
  private readonly free: Uint8Array[] = [];

  /** A copy of `page` in a recycled buffer when one of the right size is free. */
  copyOf(page: Uint8Array): Uint8Array {
    const buffer = this.free.pop();
    if (buffer === undefined || buffer.length !== page.length) return page.slice();
    buffer.set(page);
    return buffer;
  }

  /** Returns a buffer nobody references any more. */
  recycle(buffer: Uint8Array): void {
    if ((this.free.length + 1) * buffer.length <= MAX_POOLED_BYTES) this.free.push(buffer);
  }

  get size(): number {
    return this.free.length;
  }
}
