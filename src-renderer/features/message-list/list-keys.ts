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
