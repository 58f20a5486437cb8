/**
 * The window's single-key shortcuts, as a small state machine: `?` for help, Escape to
 * close the open message, and the two-key `g i` (go to Inbox) of web mail clients, where
 * the second key must follow within a moment. Keys typed into a field are never shortcuts.
 */
export type ShortcutAction = 'help' | 'go-inbox' | 'close-message';

export interface KeyPress {
  key: string;
  time: number;
  /** Ctrl, Alt or Meta held: those belong to the browser and the OS. */
  modified: boolean;
  /** Typed into a text field, a select or an editable element. */
  editing: boolean;
}

export const shortcutList: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'j or ↓', does: 'Next message' },
  { keys: 'k or ↑', does: 'Previous message' },
  { keys: 'Home / End', does: 'Newest / oldest message' },
  { keys: 'Enter', does: 'Open the selected message' },
  { keys: 'Shift+↓ / Shift+↑', does: 'Add the next / previous message to the selection' },
  { keys: 'Ctrl+click / Shift+click', does: 'Add a message / every message up to it to the selection' },
  { keys: 'Ctrl+A', does: 'Select every search result' },
  { keys: 'Escape', does: 'Let go of the selected messages, else close the message' },
  { keys: 'g then i', does: 'Go to Inbox' },
  { keys: '/', does: 'Search' },
  { keys: 'c', does: 'New message' },
  { keys: 'r / a / f', does: 'Reply / Reply all / Forward' },
  { keys: 'e / #', does: 'Archive / Delete the open or selected messages' },
  { keys: 'u / s', does: 'Mark read or unread / Flag the open or selected messages' },
  { keys: 'Ctrl+Enter', does: 'Send (in the composer)' },
  { keys: '?', does: 'Show these shortcuts' },
];

const sequenceWindowMs = 1500;

export function createShortcutReader(): (press: KeyPress) => ShortcutAction | null {
  let pendingG = -Infinity;
  return ({ key, time, modified, editing }) => {
    if (modified || editing) return null;
    const afterG = time - pendingG <= sequenceWindowMs;
    pendingG = -Infinity;
    if (afterG && key === 'i') return 'go-inbox';
    if (key === 'g') pendingG = time;
    if (key === '?') return 'help';
    if (key === 'Escape') return 'close-message';
    return null;
  };
}

export function isEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog') !== null;
}
