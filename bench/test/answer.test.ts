// The answer checksum: equal SQL values from different engines hash equal, anything else does not.

import { describe, expect, it } from 'vitest';
import { answerOf, canonicalValue, describeAnswer, sameAnswer } from '../src/answer.js';

describe('answer checksum', () => {
  it('treats an integral number and the same bigint as one INTEGER', () => {
    expect(canonicalValue(42)).toBe(canonicalValue(42n));
    expect(sameAnswer(answerOf([[1, 2n]]), answerOf([[1n, 2]]))).toBe(true);
  });

  it('tells TEXT from INTEGER, NULL from empty text, and BLOB from TEXT', () => {
    expect(canonicalValue('1')).not.toBe(canonicalValue(1));
    expect(canonicalValue(null)).not.toBe(canonicalValue(''));
    expect(canonicalValue(new Uint8Array([0x61]))).not.toBe(canonicalValue('a'));
  });

  it('accepts a Buffer and a Uint8Array with the same bytes as the same BLOB', () => {
    expect(canonicalValue(Buffer.from([1, 2, 255]))).toBe(canonicalValue(new Uint8Array([1, 2, 255])));
  });

  it('tolerates REAL differences below 12 significant digits but not above', () => {
    expect(canonicalValue(0.1 + 0.2)).toBe(canonicalValue(0.3));
    expect(canonicalValue(1234.5678)).not.toBe(canonicalValue(1234.5679));
  });

  it('is sensitive to row order, row boundaries and row count', () => {
    const base = answerOf([[1, 'a'], [2, 'b']]);
    expect(sameAnswer(base, answerOf([[2, 'b'], [1, 'a']]))).toBe(false);
    expect(sameAnswer(base, answerOf([[1], ['a', 2, 'b']]))).toBe(false);
    expect(sameAnswer(base, answerOf([[1, 'a'], [2, 'b'], [3, 'c']]))).toBe(false);
    expect(sameAnswer(base, answerOf([[1, 'a'], [2, 'b']]))).toBe(true);
  });

  it('separates values, so ["ab", "c"] differs from ["a", "bc"]', () => {
    expect(sameAnswer(answerOf([['ab', 'c']]), answerOf([['a', 'bc']]))).toBe(false);
  });

  it('describes an answer with its first values, which do not take part in the comparison', () => {
    const answer = answerOf([[1, 'a', null, new Uint8Array([255])]]);
    expect(describeAnswer(answer)).toContain(`[1, "a", null, x'ff']`);
    expect(sameAnswer(answer, { ...answer, preview: 'something else' })).toBe(true);
  });
});
