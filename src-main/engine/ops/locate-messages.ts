/**
 * Finds the messages an operation names as they are on the server now. UIDs are trusted
 * only while the folder's UIDVALIDITY is the one they were read under; after a change the
 * messages are looked up by Message-ID instead (RFC 4549 §4.1, §4.2.2).
 */
import type { MessageRef } from '../../../src-shared/operations';
import type { WritableMailbox } from '../imap/writable-mailbox';

export interface Located {
  /** Messages still in the folder, with their UID now. */
  present: { ref: MessageRef; uid: number }[];
  /** Messages no longer in the folder (expunged, or moved elsewhere). */
  missing: MessageRef[];
}

export async function locateMessages(mailbox: WritableMailbox, uidValidity: number, refs: readonly MessageRef[]): Promise<Located> {
  const located: Located = { present: [], missing: [] };
  if (mailbox.state.uidValidity === uidValidity) {
    const existing = new Set(await mailbox.existing(refs.map((r) => r.uid)));
    for (const ref of refs) {
      if (existing.has(ref.uid)) located.present.push({ ref, uid: ref.uid });
      else located.missing.push(ref);
    }
    return located;
  }
  for (const ref of refs) {
    const uid = ref.messageId === null ? undefined : (await mailbox.withMessageId(ref.messageId)).at(-1);
    if (uid === undefined) located.missing.push(ref);
    else located.present.push({ ref, uid });
  }
  return located;
}

/** The UID in `mailbox` of each ref's Message-ID (the newest copy), for refs that have one and are there. */
export async function findByMessageId(mailbox: WritableMailbox, refs: readonly MessageRef[]): Promise<Map<MessageRef, number>> {
  const found = new Map<MessageRef, number>();
  for (const ref of refs) {
    if (ref.messageId === null) continue;
    const uid = (await mailbox.withMessageId(ref.messageId)).at(-1);
    if (uid !== undefined) found.set(ref, uid);
  }
  return found;
}
