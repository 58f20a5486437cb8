/**
 * A cached message's attachments as the reader needs them: the list (metadata only, in
 * part order) and one part's bytes, read only when it is saved, opened or shown inline.
 */
import type { MessageAttachment } from '../../src-shared/model';
import type { TernDexie } from './db';

export type MessageKey = [accountId: string, folderPath: string, uid: number];

/** Part numbers compared number by number, so "1.10" comes after "1.9" (RFC 3501 §6.4.5). */
function byPartNumber(a: MessageAttachment, b: MessageAttachment): number {
  const left = a.partId.split('.').map(Number);
  const right = b.partId.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

export async function listAttachments(db: TernDexie, key: MessageKey): Promise<MessageAttachment[]> {
  const parts = await db.attachments.where('[accountId+folderPath+uid]').equals(key).toArray();
  return parts.sort(byPartNumber);
}

/** The part's bytes, or null when they are no longer cached (the body was evicted meanwhile). */
export async function attachmentBytes(db: TernDexie, key: MessageKey, partId: string): Promise<Uint8Array | null> {
  return (await db.attachmentData.get([...key, partId]))?.data ?? null;
}
