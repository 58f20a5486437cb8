/**
 * The message list's multiple selection, as mail clients and the WAI-ARIA listbox pattern
 * have it: Ctrl/Cmd+click adds or removes one message, Shift+click selects the run from the
 * anchor (the last row clicked) to the row, Shift+Up/Down extends by one. A selection
 * starts from the message already chosen, so a Ctrl+click after a plain click makes two.
 */
import { refKey, type MessageRef } from '../shared/refs';

function without(list: readonly MessageRef[], ref: MessageRef): MessageRef[] {
  const key = refKey(ref);
  return list.filter((r) => refKey(r) !== key);
}

/** `picked` (or, when nothing is picked yet, `current`) with `ref` added, or removed if it was there. */
export function toggledPick(picked: readonly MessageRef[], current: MessageRef | null, ref: MessageRef): MessageRef[] {
  const base = picked.length > 0 ? picked : current ? [current] : [];
  const rest = without(base, ref);
  return rest.length < base.length ? rest : [...base, ref];
}

/** `picked` (or `current`) with `ref` added: Shift+Up/Down never removes. */
export function extendedPick(picked: readonly MessageRef[], current: MessageRef | null, ref: MessageRef): MessageRef[] {
  const base = picked.length > 0 ? picked : current ? [current] : [];
  return [...without(base, ref), ref];
}

/** The rows from index `from` to `to` (either order) among those loaded (`rows` starting at index `start`). */
export function rangePick(rows: readonly MessageRef[], start: number, from: number, to: number): MessageRef[] {
  const low = Math.max(Math.min(from, to) - start, 0);
  const high = Math.min(Math.max(from, to) - start, rows.length - 1);
  return rows.slice(low, high + 1);
}
