import { describe, expect, it } from 'vitest';
import { extendedPick, rangePick, toggledPick } from './multi-select';

const m = (uid: number) => ({ accountId: 'a1', folderPath: 'INBOX', uid });

describe('the message list’s multiple selection', () => {
  it('starts from the chosen message, adds and removes with Ctrl+click', () => {
    expect(toggledPick([], m(1), m(3))).toEqual([m(1), m(3)]);
    expect(toggledPick([m(1), m(3)], m(3), m(1))).toEqual([m(3)]);
    expect(toggledPick([], null, m(2))).toEqual([m(2)]);
    expect(toggledPick([], m(2), m(2))).toEqual([]);
  });

  it('extends with Shift+arrow without removing', () => {
    expect(extendedPick([], m(1), m(2))).toEqual([m(1), m(2)]);
    expect(extendedPick([m(1), m(2)], m(2), m(1))).toEqual([m(2), m(1)]);
  });

  it('selects a run of loaded rows in either direction, clipped to what is loaded', () => {
    const rows = [m(10), m(11), m(12), m(13)];
    expect(rangePick(rows, 100, 101, 103)).toEqual([m(11), m(12), m(13)]);
    expect(rangePick(rows, 100, 103, 101)).toEqual([m(11), m(12), m(13)]);
    expect(rangePick(rows, 100, 90, 101)).toEqual([m(10), m(11)]);
    expect(rangePick(rows, 100, 102, 200)).toEqual([m(12), m(13)]);
  });
});
