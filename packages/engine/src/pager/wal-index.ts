// In-memory WAL index (Tandem keeps no -shm file: one process per database, see the process
// lock). For each page it lists the frames holding it, so a snapshot that ends at frame M finds
// the page's latest frame <= M; for each commit frame it keeps the database size in pages.

export class WalIndex {
  /** framePgno[f] = page number stored in frame f (index 0 unused). */
  private framePgno: number[] = [0];
  /** For each page, the frames that hold it, ascending. */
  private readonly pageFrames = new Map<number, number[]>();
  /** Commit frame number -> database size in pages after that commit, ascending by frame. */
  private readonly commitFrames: number[] = [];
  private readonly commitSizes = new Map<number, number>();

  /** Number of frames indexed (the last committed frame). */
  get frameCount(): number {
    return this.framePgno.length - 1;
  }

  /** Adds the next frame. Frames must be added in order, only whole committed transactions. */
  append(pgno: number, commitSize: number): number {
    const frame = this.framePgno.length;
    this.framePgno.push(pgno);
    let frames = this.pageFrames.get(pgno);
    if (!frames) this.pageFrames.set(pgno, (frames = []));
    frames.push(frame);
    if (commitSize > 0) {
      this.commitFrames.push(frame);
      this.commitSizes.set(frame, commitSize);
    }
    return frame;
  }

  /** The latest frame <= maxFrame holding page `pgno`, or 0 when the page is not in that prefix. */
  findFrame(pgno: number, maxFrame: number): number {
    // Common cases in O(1): the page is not in the WAL (one Map miss), or the snapshot sees
    // the page's newest frame (every snapshot at the end of the log does).
    const frames = this.pageFrames.get(pgno);
    if (frames === undefined || frames[0]! > maxFrame) return 0;
    const newest = frames[frames.length - 1]!;
    if (newest <= maxFrame) return newest;
    // Binary search for the last frame <= maxFrame.
    let low = 0;
    let high = frames.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (frames[mid]! <= maxFrame) low = mid;
      else high = mid - 1;
    }
    return frames[low]!;
  }

  pgnoOfFrame(frame: number): number {
    return this.framePgno[frame]!;
  }

  /** Database size in pages as of the last commit frame <= frame (0 when there is none). */
  dbSizeAt(frame: number): number {
    const exact = this.commitSizes.get(frame);
    if (exact !== undefined) return exact;
    let result = 0;
    for (const commit of this.commitFrames) {
      if (commit > frame) break;
      result = this.commitSizes.get(commit)!;
    }
    return result;
  }

  /** The distinct pages with a frame in (after, upTo]. */
  pagesInRange(after: number, upTo: number): number[] {
    const pages = new Set<number>();
    for (let frame = after + 1; frame <= upTo; frame++) pages.add(this.framePgno[frame]!);
    return [...pages].sort((a, b) => a - b);
  }

  clear(): void {
    this.framePgno = [0];
    this.pageFrames.clear();
    this.commitFrames.length = 0;
    this.commitSizes.clear();
  }
}
