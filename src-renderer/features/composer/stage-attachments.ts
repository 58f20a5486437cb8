/**
 * Copies attachments into the main process before queuing, in chunks: a 50 MB file as one
 * JSON value would exceed the WebSocket frame limit and hold several copies in memory.
 */
import { toBase64 } from '../../../src-shared/base64';
import { tern } from '../../bridge/tern';
import type { DraftAttachment } from './draft';

const CHUNK_BYTES = 3 * 1024 * 1024;

export async function stageAttachments(attachments: readonly DraftAttachment[]): Promise<Map<string, string>> {
  const staged = new Map<string, string>();
  for (const attachment of attachments) {
    const { blobId } = await tern.invoke('compose.blobCreate', {});
    for (let offset = 0; offset < attachment.data.size; offset += CHUNK_BYTES) {
      const chunk = new Uint8Array(await attachment.data.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
      await tern.invoke('compose.blobAppend', { blobId, offset, dataBase64: toBase64(chunk) });
    }
    staged.set(attachment.id, blobId);
  }
  return staged;
}
