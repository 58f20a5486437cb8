/**
 * Picking several messages in a list (multi-select.ts), for the folder's list and the search
 * results alike. A pick of one message is that message opened, and a pick of none lets go.
 * Keys: Escape lets go, Shift+Up/Down extends, and Ctrl/Cmd+A picks every row where the
 * list holds them all (search results; a folder's list reads only the pages in view).
 */
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { refKey, type MessageRef } from '../shared/refs';
import { extendedPick, rangePick, toggledPick } from './multi-select';

interface PickingOptions {
  picked: readonly MessageRef[];
  onPick(messages: MessageRef[]): void;
  onOpen(message: MessageRef): void;
  /** The rows the list holds, from row index `start` on. */
  rows: readonly MessageRef[];
  start: number;
  activeIndex: number;
  /** Whether `rows` is the whole list, so that Ctrl/Cmd+A can pick all of it. */
  whole: boolean;
}

export interface Picking {
  isPicked(index: number): boolean;
  /** A plain click or Enter on the row: where a later Shift+click's run starts. */
  opened(index: number): void;
  pick(index: number, how: 'toggle' | 'range'): void;
  /** Shift+Up/Down moved the keyboard to row `index`: add it. */
  extend(index: number): void;
  /** Escape and Ctrl/Cmd+A; true when the key was one of them and was handled. */
  key(event: KeyboardEvent): boolean;
  /** What a drag from the row carries: every picked message when it is one of them. */
  draggedFrom(index: number): readonly MessageRef[] | undefined;
}

export function usePicking({ picked, onPick, onOpen, rows, start, activeIndex, whole }: PickingOptions): Picking {
  const anchor = useRef(-1);
  const pickedKeys = useMemo(() => new Set(picked.map(refKey)), [picked]);
  const rowAt = (index: number): MessageRef | undefined => rows[index - start];
  const current = rowAt(activeIndex) ?? null;
  const settle = (next: MessageRef[]): void => {
    if (next.length === 1) onOpen(next[0]!);
    onPick(next.length > 1 ? next : []);
  };
  const isPicked = (index: number): boolean => {
    const row = rowAt(index);
    return row !== undefined && pickedKeys.has(refKey(row));
  };
  return {
    isPicked,
    opened(index) {
      anchor.current = index;
    },
    pick(index, how) {
      const row = rowAt(index);
      if (!row) return;
      if (how === 'toggle') {
        anchor.current = index;
        settle(toggledPick(picked, current, row));
      } else {
        settle(rangePick(rows, start, anchor.current >= 0 ? anchor.current : activeIndex >= 0 ? activeIndex : index, index));
      }
    },
    extend(index) {
      const row = rowAt(index);
      if (row) settle(extendedPick(picked, current, row));
    },
    key(event) {
      if (event.key === 'Escape' && picked.length > 0) {
        event.preventDefault();
        onPick([]);
        return true;
      }
      if (whole && event.key === 'a' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        settle([...rows]);
        return true;
      }
      return false;
    },
    draggedFrom(index) {
      return picked.length > 1 && isPicked(index) ? picked : undefined;
    },
  };
}
