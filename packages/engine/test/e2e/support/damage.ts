// Deterministic ways to damage a database image: truncation, header garbage, out-of-range and cyclic
// page pointers, and seeded random byte flips. Each case is a name plus the damaged bytes.

export interface DamageCase {
  id: string;
  bytes: Uint8Array;
}

export { seededRandom } from '../../../src/common/random.js';
import { seededRandom } from '../../../src/common/random.js';

function pageSizeOf(image: Uint8Array): number {
  const raw = (image[16]! << 8) | image[17]!;
  return raw === 1 ? 65536 : raw;
}

function patched(image: Uint8Array, offset: number, bytes: number[]): Uint8Array {
  const copy = image.slice();
  bytes.forEach((b, i) => {
    if (offset + i < copy.length) copy[offset + i] = b;
  });
  return copy;
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

export function truncations(name: string, image: Uint8Array): DamageCase[] {
  const pageSize = pageSizeOf(image);
  const sizes = [0, 1, 50, 99, 100, 101, pageSize - 1, pageSize, pageSize + 1, 2 * pageSize, Math.floor(image.length / 2), image.length - pageSize, image.length - 1];
  return [...new Set(sizes.filter((s) => s >= 0 && s < image.length))].map((size) => ({ id: `${name}/truncate-${size}`, bytes: image.slice(0, size) }));
}

export function headerGarbage(name: string, image: Uint8Array): DamageCase[] {
  const cases: DamageCase[] = [
    { id: `${name}/magic-zeroed`, bytes: patched(image, 0, new Array(16).fill(0)) },
    { id: `${name}/page-size-768`, bytes: patched(image, 16, [0x03, 0x00]) },
    { id: `${name}/page-size-0`, bytes: patched(image, 16, [0x00, 0x00]) },
    { id: `${name}/page-size-65536`, bytes: patched(image, 16, [0x00, 0x01]) },
    { id: `${name}/read-version-3`, bytes: patched(image, 18, [3, 3]) },
    { id: `${name}/payload-fractions`, bytes: patched(image, 21, [1, 2, 3]) },
    { id: `${name}/page-count-huge`, bytes: patched(image, 28, u32(0x00ffffff)) },
    { id: `${name}/freelist-trunk-out-of-range`, bytes: patched(image, 32, u32(0x7ffffff0)) },
    { id: `${name}/schema-format-7`, bytes: patched(image, 44, u32(7)) },
  ];
  for (let seed = 1; seed <= 6; seed++) {
    const random = seededRandom(seed * 7919);
    const copy = image.slice();
    for (let i = 0; i < 4; i++) copy[Math.floor(random() * 100)] ^= 1 + Math.floor(random() * 255);
    cases.push({ id: `${name}/header-flip-seed-${seed}`, bytes: copy });
  }
  return cases;
}

/** Interior b-tree pages get a right-child pointer that is out of range, points to itself, or to page 1. */
export function badPagePointers(name: string, image: Uint8Array): DamageCase[] {
  const pageSize = pageSizeOf(image);
  const cases: DamageCase[] = [];
  const pageCount = Math.floor(image.length / pageSize);
  let found = 0;
  for (let page = 1; page <= pageCount && found < 3; page++) {
    const headerOffset = (page - 1) * pageSize + (page === 1 ? 100 : 0);
    const type = image[headerOffset];
    if (type !== 0x05 && type !== 0x02) continue;
    found++;
    const pointerOffset = headerOffset + 8;
    cases.push({ id: `${name}/page-${page}-child-out-of-range`, bytes: patched(image, pointerOffset, u32(0x7ffffff0)) });
    cases.push({ id: `${name}/page-${page}-child-cycle-self`, bytes: patched(image, pointerOffset, u32(page)) });
    cases.push({ id: `${name}/page-${page}-child-page-1`, bytes: patched(image, pointerOffset, u32(1)) });
  }
  return cases;
}

export function byteFlips(name: string, image: Uint8Array, seeds: number): DamageCase[] {
  const cases: DamageCase[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const random = seededRandom(seed);
    const copy = image.slice();
    const flips = 1 + Math.floor(random() * 6);
    for (let i = 0; i < flips; i++) {
      const offset = 100 + Math.floor(random() * (copy.length - 100));
      copy[offset] ^= 1 + Math.floor(random() * 255);
    }
    cases.push({ id: `${name}/flip-seed-${seed}`, bytes: copy });
  }
  return cases;
}
