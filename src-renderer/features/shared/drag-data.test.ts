import { describe, expect, it } from 'vitest';
import { FOLDER_DRAG_TYPE, isOurDrag, MESSAGE_DRAG_TYPE, messageDragData, readDragged } from './drag-data';

const from = (data: Record<string, string>) => (type: string) => data[type] ?? '';

describe('what a drag onto a folder carries', () => {
  it('reads a dragged folder, or the messages dragged', () => {
    expect(readDragged(from({ [FOLDER_DRAG_TYPE]: '{"accountId":"a1","path":"Work"}' }))).toEqual({ kind: 'folder', accountId: 'a1', path: 'Work' });
    const messages = [{ accountId: 'a1', folderPath: 'INBOX', uid: 4 }, { accountId: 'a2', folderPath: 'Lists', uid: 9 }];
    expect(readDragged(from({ [MESSAGE_DRAG_TYPE]: messageDragData(messages) }))).toEqual({ kind: 'messages', messages });
  });

  it('ignores other drags and forged or broken payloads', () => {
    expect(isOurDrag(['text/plain', 'Files'])).toBe(false);
    expect(isOurDrag([MESSAGE_DRAG_TYPE])).toBe(true);
    expect(readDragged(from({ 'text/plain': 'hello' }))).toBeNull();
    expect(readDragged(from({ [FOLDER_DRAG_TYPE]: 'not json' }))).toBeNull();
    expect(readDragged(from({ [MESSAGE_DRAG_TYPE]: '[{"accountId":"a1","folderPath":"INBOX","uid":-1}]' }))).toBeNull();
    expect(readDragged(from({ [MESSAGE_DRAG_TYPE]: '[{"accountId":"a1","folderPath":"INBOX","uid":4},{"uid":5}]' }))).toBeNull();
    expect(readDragged(from({ [MESSAGE_DRAG_TYPE]: '{"accountId":"a1","folderPath":"INBOX","uid":4}' }))).toBeNull();
    expect(readDragged(from({ [MESSAGE_DRAG_TYPE]: '[]' }))).toBeNull();
    expect(readDragged(from({ [FOLDER_DRAG_TYPE]: '{"accountId":1,"path":"Work"}' }))).toBeNull();
  });
});
