/**
 * What a drag onto a folder carries: a folder of the tree (to move under the drop target)
 * or a message of the list (to move into it). Custom MIME types, so a drag from another
 * application (text, files) is never mistaken for one of ours; the payload is checked
 * before use because another page could forge the type.
 */
export const FOLDER_DRAG_TYPE = 'application/x-tern-folder';
export const MESSAGE_DRAG_TYPE = 'application/x-tern-message';

export type Dragged = { kind: 'folder'; accountId: string; path: string } | { kind: 'message'; accountId: string; folderPath: string; uid: number };

export function isOurDrag(types: readonly string[]): boolean {
  return types.includes(FOLDER_DRAG_TYPE) || types.includes(MESSAGE_DRAG_TYPE);
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
      const value = JSON.parse(message) as { accountId?: unknown; folderPath?: unknown; uid?: unknown };
      if (typeof value.accountId === 'string' && typeof value.folderPath === 'string' && typeof value.uid === 'number' && Number.isSafeInteger(value.uid) && value.uid > 0) {
        return { kind: 'message', accountId: value.accountId, folderPath: value.folderPath, uid: value.uid };
      }
    }
  } catch {
    // Not JSON: not ours after all.
  }
  return null;
}
