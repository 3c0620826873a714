// Overflow chains: the part of a payload that does not fit on its b-tree page, stored in a
// linked list of pages, each [4-byte next page][usableSize - 4 bytes of payload].

import { corruptError } from '../common/errors.js';
import type { PageSink, PageSource } from '../pager/types.js';
import type { CellInfo } from './cell.js';
import { allocatePage, freePage } from './freelist.js';
import { get32, put32 } from './page.js';

/**
 * Assembles the payload of a cell: the local part from `page`, the rest from its overflow chain.
 * Returns a view into the page when nothing spills (callers must not mutate it). Chains are
 * read for exactly the pages the size requires, so a cyclic chain cannot loop forever; a page
 * number out of range or a chain ending early is SQLITE_CORRUPT.
 */
export function readPayload(source: PageSource, page: Uint8Array, info: CellInfo): Uint8Array {
  const start = info.payloadOffset;
  if (info.localSize === info.payloadSize) return page.subarray(start, start + info.payloadSize);
  if (overflowPageCount(info.payloadSize, info.localSize, source.usableSize) > source.pageCount()) {
    throw corruptError('payload size larger than the database');
  }
  const out = new Uint8Array(info.payloadSize);
  out.set(page.subarray(start, start + info.localSize), 0);
  let done = info.localSize;
  let next = info.overflow;
  const perPage = source.usableSize - 4;
  const pageCount = source.pageCount();
  while (done < info.payloadSize) {
    if (next < 2 || next > pageCount) throw corruptError('overflow chain page out of range');
    const ovfl = source.getPage(next);
    const n = Math.min(perPage, info.payloadSize - done);
    out.set(ovfl.subarray(4, 4 + n), done);
    done += n;
    next = get32(ovfl, 0);
  }
  return out;
}

/** Writes `payload` from byte `from` onwards into a new overflow chain; returns its first page. */
export function writeOverflowChain(sink: PageSink, payload: Uint8Array, from: number): number {
  const perPage = sink.usableSize - 4;
  const count = Math.ceil((payload.length - from) / perPage);
  const pages: number[] = [];
  for (let i = 0; i < count; i++) pages.push(allocatePage(sink));
  for (let i = 0; i < count; i++) {
    const page = sink.getWritable(pages[i]!);
    put32(page, 0, i + 1 < count ? pages[i + 1]! : 0);
    const chunk = payload.subarray(from + i * perPage, Math.min(payload.length, from + (i + 1) * perPage));
    page.set(chunk, 4);
  }
  return pages[0]!;
}

/** Number of overflow pages a payload of `payloadSize` with `localSize` on-page bytes needs. */
export function overflowPageCount(payloadSize: number, localSize: number, usableSize: number): number {
  if (localSize >= payloadSize) return 0;
  return Math.ceil((payloadSize - localSize) / (usableSize - 4));
}

/** Frees the overflow chain of a cell (the page count is known from the payload size). */
export function freeOverflowChain(sink: PageSink, info: CellInfo): void {
  let remaining = overflowPageCount(info.payloadSize, info.localSize, sink.usableSize);
  let next = info.overflow;
  const pageCount = sink.pageCount();
  while (remaining-- > 0) {
    if (next < 2 || next > pageCount) throw corruptError('overflow chain page out of range');
    const following = get32(sink.getPage(next), 0);
    freePage(sink, next);
    next = following;
  }
}
