/**
 * Moving or copying messages to a folder of another account (operation 'to-account'). IMAP
 * has no command between two servers, so each message is read whole here (BODY.PEEK[], RFC
 * 3501 §6.4.5, leaving \Seen as it is) and APPENDed there with its flags and INTERNALDATE
 * (§6.3.11); a move then expunges the originals. Safe to run again after a cut, like a move
 * within one account (message-steps.ts): a message whose Message-ID the target folder already
 * holds was delivered by an earlier attempt, or was there already, and is not appended again;
 * one gone from here but found there is done. A message without a Message-ID cannot be
 * recognised there, so a cut between its APPEND and the server's OK can leave two copies
 * (docs/sync.md).
 */
import type { MessageRef, Operation, OperationOutcome, PlacedMessage } from '../../../src-shared/operations';
import type { ImapConnection } from '../imap/imap-connection';
import { MissingFolder } from '../imap/writable-mailbox';
import { locateMessages } from './locate-messages';
import { goneIssue } from './message-steps';
import type { OtherAccounts } from './other-accounts';

/** RFC 3501 §2.3.2's system flags an APPEND may set (\Recent is the server's; \Deleted would hide the copy). */
const SYSTEM_FLAGS = new Set(['\\Seen', '\\Answered', '\\Flagged', '\\Draft']);
/** Keywords are atoms (RFC 3501 §9); this stricter set keeps a hostile server's flag out of the other server's command. */
const KEYWORD = /^\$?[A-Za-z0-9_.-]{1,64}$/;

export function transferableFlags(flags: readonly string[]): string[] {
  return flags.filter((flag) => SYSTEM_FLAGS.has(flag) || KEYWORD.test(flag));
}

export async function runAccountTransfer(connection: ImapConnection, op: Extract<Operation, { kind: 'to-account' }>, others: OtherAccounts): Promise<OperationOutcome> {
  return others.session(op.targetAccountId, async (target) => {
    if (!(await target.hasFolder(op.target))) throw new MissingFolder(op.target);
    const inTarget = async (ref: MessageRef): Promise<number | undefined> => (ref.messageId === null ? undefined : (await target.findByMessageId(op.target, ref.messageId)).at(-1));
    const placed: PlacedMessage[] = [];
    const notHere = await connection.withWritableMailbox(op.folderPath, async (source) => {
      const { present, missing } = await locateMessages(source, op.uidValidity, op.messages);
      const delivered: number[] = [];
      for (const { ref, uid } of present) {
        let toUid = await inTarget(ref);
        if (toUid === undefined) {
          const message = await source.wholeMessage(uid);
          if (!message) {
            missing.push(ref); // expunged since it was located
            continue;
          }
          // Without UIDPLUS's APPENDUID the Message-ID tells where it landed.
          toUid = (await target.append(op.target, message.raw, transferableFlags(message.flags), message.internalDate ?? undefined)) ?? (await inTarget(ref));
        }
        delivered.push(uid);
        if (toUid !== undefined) placed.push({ fromUid: ref.uid, toUid });
      }
      if (!op.keepOriginal) await source.expunge(delivered);
      return missing;
    });
    // Gone from here: an earlier attempt cut after its APPEND (and expunge) may have delivered it.
    const lost: MessageRef[] = [];
    for (const ref of notHere) {
      const toUid = await inTarget(ref);
      if (toUid === undefined) lost.push(ref);
      else placed.push({ fromUid: ref.uid, toUid });
    }
    return { result: 'done', placed, issue: goneIssue(op, lost) };
  });
}
