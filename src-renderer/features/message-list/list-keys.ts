/**
 * Where a key press moves the message-list selection: Up/Down and the j/k of mail clients
 * and editors, Home/End to the ends. Returns the new row index, or null when the key is
 * not a move (so the browser keeps its default, e.g. Space scrolling).
 */
export function nextListIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return index < 0 ? 0 : Math.min(index + 1, count - 1);
    case 'ArrowUp':
    case 'k':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Where the active row is now: it was set at `index` on the message keyed `key` (null while
 * that row was not loaded yet). When mail arrived above it, the message moved down; follow
 * it within the loaded rows (`keys` of the rows starting at row index `start`), else stay
 * at the position.
 */
export function followActive(active: { index: number; key: string | null }, keys: readonly string[], start: number): number {
  if (active.key === null || keys[active.index - start] === active.key) return active.index;
  const moved = keys.indexOf(active.key);
  return moved >= 0 ? start + moved : active.index;
}
