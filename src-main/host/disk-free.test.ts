import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeBytesOn } from './disk-free';

describe('free space on a directory’s disk', () => {
  it('reads a positive number of bytes for a directory that exists', async () => {
    const free = await freeBytesOn(tmpdir());
    expect(free).toBeGreaterThan(0);
    expect(Number.isSafeInteger(free)).toBe(true);
  });

  it('says null, not zero, for a directory it cannot read', async () => {
    expect(await freeBytesOn(join(tmpdir(), `tern-missing-${Math.random()}`))).toBeNull();
  });
});
