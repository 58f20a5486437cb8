/**
 * What a drag onto a folder carries: a folder of the tree (to move under the drop target)
 * or messages of the list (one, or all those picked, to move into it). Custom MIME types, so
 * a drag from another application (text, files) is never mistaken for one of ours; the
 * payload is checked before use because another page could forge the type.
 */
import { MAX_OPERATION_MESSAGES } from '../../../src-shared/operations';
import type { MessageRef } from './refs';

export const FOLDER_DRAG_TYPE = 'application/x-tern-folder';
export const MESSAGE_DRAG_TYPE = 'application/x-tern-message';
/** As many as one operation names. */
const MAX_DRAGGED_MESSAGES = MAX_OPERATION_MESSAGES;

export type Dragged = { kind: 'folder'; accountId: string; path: string } | { kind: 'messages'; messages: MessageRef[] };

export function isOurDrag(types: readonly string[]): boolean {
  return types.includes(FOLDER_DRAG_TYPE) || types.includes(MESSAGE_DRAG_TYPE);
}

/** The payload of a message drag: the messages as a JSON array. */
export function messageDragData(messages: readonly MessageRef[]): string {
  return JSON.stringify(messages.map(({ accountId, folderPath, uid }) => ({ accountId, folderPath, uid })));
}

function messageRefOf(value: unknown): MessageRef | null {
  const { accountId, folderPath, uid } = (typeof value === 'object' && value !== null ? value : {}) as { accountId?: unknown; folderPath?: unknown; uid?: unknown };
  if (typeof accountId !== 'string' || typeof folderPath !== 'string' || typeof uid !== 'number' || !Number.isSafeInteger(uid) || uid <= 0) return null;
  return { accountId, folderPath, uid };
}

export function readDragged(get: (type: string) => string): Dragged | null {
  try {
    const folder = get(FOLDER_DRAG_TYPE);
    if (folder) {
      const value = JSON.parse(folder) as { accountId?: unknown; path?: unknown };
      if (typeof value.accountId === 'string' && typeof value.path === 'string') return { kind: 'folder', accountId: value.accountId, path: value.path };
    }
    const message = get(MESSAGE_DRAG_TYPE);
    if (message) {
      const value = JSON.parse(message) as unknown;
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_DRAGGED_MESSAGES) return null;
      const messages = value.map(messageRefOf);
      // One forged entry makes the whole payload suspect.
      return messages.every((m): m is MessageRef => m !== null) ? { kind: 'messages', messages } : null;
    }
  } catch {
    // Not JSON: not ours after all.
  }
  return null;
}
