import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './base64';

describe('base64', () => {
  it('round-trips every byte value and large arrays', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64(new Uint8Array([0x4d, 0x61, 0x6e, 0xff]))).toBe('TWFu/w==');
    expect(fromBase64(toBase64(all))).toEqual(all);
    const big = new Uint8Array(1024 * 1024 + 7).fill(0xab);
    expect(fromBase64(toBase64(big))).toEqual(big);
  });
});
