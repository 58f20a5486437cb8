import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap, and starts over after reset', () => {
    const backoff = new Backoff(2_000, 300_000);
    expect(Array.from({ length: 10 }, () => backoff.next())).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
    backoff.reset();
    expect(backoff.next()).toBe(2_000);
  });
});
