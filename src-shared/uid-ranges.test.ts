import { describe, expect, it } from 'vitest';
import { countInRanges, missingFromRanges, toUidRanges } from './uid-ranges';

describe('UID runs', () => {
  it('collapses consecutive UIDs and skips repeats', () => {
    expect(toUidRanges([])).toEqual([]);
    expect(toUidRanges([1, 2, 3, 5, 5, 7, 8])).toEqual([[1, 3], [5, 5], [7, 8]]);
    expect(countInRanges(toUidRanges([1, 2, 3, 5, 7, 8]))).toBe(6);
  });

  it('names the UIDs of the runs that the present list lacks', () => {
    expect(missingFromRanges([[1, 5], [9, 10]], [2, 3, 4, 6, 10, 11])).toEqual([1, 5, 9]);
    expect(missingFromRanges([[1, 3]], [])).toEqual([1, 2, 3]);
    expect(missingFromRanges([], [1, 2])).toEqual([]);
  });
});
