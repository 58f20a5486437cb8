/**
 * The IMAP steps of each message operation, written so that running one again after a cut
 * connection has no further effect (docs/sync.md):
 * - a flag is set or cleared, never toggled;
 * - delete for good expunges what is still there (a message already gone is the goal reached);
 * - move and copy look for the messages' Message-IDs in the target first: a message already
 *   there was moved or copied by an earlier attempt (MOVE, or COPY cut before the expunge),
 *   so it is not copied again; a message gone from the source but found in the target is done.
 * Moved and copied messages' new UIDs come from COPYUID (RFC 4315 §3) or, without UIDPLUS, from
 * a Message-ID search in the target, so the cache can re-file them instead of downloading them.
 */
import type { MessageRef, Operation, OperationOutcome, PlacedMessage, SyncIssue } from '../../../src-shared/operations';
import { describeOperation } from '../../../src-shared/operations';
import type { ImapConnection } from '../imap/imap-connection';
import { findByMessageId, locateMessages } from './locate-messages';

type MessageOp<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

export function goneIssue(op: Operation, missing: readonly MessageRef[]): SyncIssue | null {
  if (missing.length === 0) return null;
  const what = missing.length === 1 ? 'One message was' : `${missing.length} messages were`;
  return { kind: 'message-gone', summary: describeOperation(op), detail: `${what} no longer on the server (deleted or moved elsewhere).` };
}

export async function runFlag(connection: ImapConnection, op: MessageOp<'flag'>): Promise<OperationOutcome> {
  return connection.withWritableMailbox(op.folderPath, async (mailbox) => {
    const { present, missing } = await locateMessages(mailbox, op.uidValidity, op.messages);
    await mailbox.setFlag(present.map((p) => p.uid), op.flag, op.value);
    return { result: 'done', placed: [], issue: goneIssue(op, missing) };
  });
}

export async function runExpunge(connection: ImapConnection, op: MessageOp<'expunge'>): Promise<OperationOutcome> {
  return connection.withWritableMailbox(op.folderPath, async (mailbox) => {
    const { present } = await locateMessages(mailbox, op.uidValidity, op.messages);
    await mailbox.expunge(present.map((p) => p.uid));
    return { result: 'done', placed: [], issue: null };
  });
}

export async function runTransfer(connection: ImapConnection, op: MessageOp<'move' | 'copy'>): Promise<OperationOutcome> {
  if (op.target === op.folderPath) return { result: 'done', placed: [], issue: null };
  const inTarget = await connection.withWritableMailbox(op.target, (target) => findByMessageId(target, op.messages));
  const placed: PlacedMessage[] = [];
  /** Messages sent to the target now, by the UID the operation named. */
  const sent: MessageRef[] = [];
  const missing = await connection.withWritableMailbox(op.folderPath, async (source) => {
    const { present, missing } = await locateMessages(source, op.uidValidity, op.messages);
    const fresh = present.filter((p) => !inTarget.has(p.ref));
    const map = op.kind === 'move' ? await source.moveTo(fresh.map((p) => p.uid), op.target) : await source.copyTo(fresh.map((p) => p.uid), op.target);
    for (const { ref, uid } of fresh) {
      const toUid = map.get(uid);
      if (toUid === undefined) sent.push(ref);
      else placed.push({ fromUid: ref.uid, toUid });
    }
    // A move cut after its COPY left the originals behind: finish it without a second copy.
    const copiedBefore = present.filter((p) => inTarget.has(p.ref));
    if (op.kind === 'move') await source.expunge(copiedBefore.map((p) => p.uid));
    return missing.filter((ref) => !inTarget.has(ref));
  });
  for (const [ref, toUid] of inTarget) placed.push({ fromUid: ref.uid, toUid });
  if (sent.length > 0) {
    // No COPYUID (no UIDPLUS): the Message-ID tells where each one landed.
    const found = await connection.withWritableMailbox(op.target, (target) => findByMessageId(target, sent));
    for (const [ref, toUid] of found) placed.push({ fromUid: ref.uid, toUid });
  }
  return { result: 'done', placed, issue: goneIssue(op, missing) };
}
