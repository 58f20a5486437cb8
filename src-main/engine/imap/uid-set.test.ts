import { describe, expect, it } from 'vitest';
import { toUidSet } from './uid-set';

describe('toUidSet', () => {
  it('collapses runs into ranges, in ascending order, without duplicates', () => {
    expect(toUidSet([9, 3, 1, 2, 5, 10, 11, 3])).toBe('1:3,5,9:11');
  });

  it('handles one UID and none', () => {
    expect(toUidSet([42])).toBe('42');
    expect(toUidSet([])).toBe('');
  });
});
