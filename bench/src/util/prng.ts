// Deterministic pseudo-random numbers (mulberry32) so every engine sees the same data and parameters.

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** A lowercase word of `length` letters. */
  word(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(97 + Math.floor(this.next() * 26));
    return text;
  }
}
