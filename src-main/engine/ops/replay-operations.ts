/**
 * Replays an account's queued operations in the order they were made (RFC 4549 §4: local
 * changes go to the server before the folders are synchronised, so the sync does not undo
 * them). Each operation is settled in the cache as soon as the server has carried it out;
 * one cut short by a broken connection stays queued and runs again, to the same effect,
 * after the reconnect (message-steps.ts). One the server cannot carry out becomes a sync
 * issue, and the cache undoes its optimistic change (docs/sync.md); nothing is dropped
 * without a trace.
 */
import type { Operation, OperationOutcome } from '../../../src-shared/operations';
import { describeOperation } from '../../../src-shared/operations';
import type { StorePort } from '../../../src-shared/store-port';
import type { ImapConnection } from '../imap/imap-connection';
import { MissingFolder } from '../imap/writable-mailbox';
import { reasonOf } from '../sync/account-sync';
import { runAccountTransfer } from './account-transfer';
import { runFolderOperation } from './folder-steps';
import { runExpunge, runFlag, runTransfer } from './message-steps';
import { NO_OTHER_ACCOUNTS, OtherAccountUnavailable, type OtherAccounts } from './other-accounts';

/**
 * Replays every queued operation of the account; returns the folders they changed. An
 * operation that waits for another account's server (OtherAccountUnavailable) stops the
 * replay there, so later operations do not overtake it; the caller retries.
 */
export async function replayOperations(connection: ImapConnection, store: StorePort, accountId: string, others: OtherAccounts = NO_OTHER_ACCOUNTS): Promise<string[]> {
  const touched = new Set<string>();
  for (const { seq, operation } of await store.listOperations({ accountId })) {
    const outcome = await outcomeOf(connection, accountId, operation, others);
    await store.settleOperation({ accountId, seq, outcome });
    touched.add(operation.folderPath);
    if ((operation.kind === 'move' || operation.kind === 'copy' || operation.kind === 'folder-rename') && outcome.result === 'done') touched.add(operation.target);
  }
  return [...touched];
}

async function outcomeOf(connection: ImapConnection, accountId: string, op: Operation, others: OtherAccounts): Promise<OperationOutcome> {
  const first = await attempt(connection, accountId, op, others);
  // A refusal may be passing (another command of this session in the way); every step is
  // safe to repeat, so one more attempt comes before the user is told.
  return first.result === 'conflict' && first.issue.kind === 'refused' ? attempt(connection, accountId, op, others) : first;
}

async function attempt(connection: ImapConnection, accountId: string, op: Operation, others: OtherAccounts): Promise<OperationOutcome> {
  try {
    switch (op.kind) {
      case 'flag':
        return await runFlag(connection, op);
      case 'expunge':
        return await runExpunge(connection, op);
      case 'move':
      case 'copy':
        return await runTransfer(connection, op);
      case 'to-account':
        return await runAccountTransfer(connection, op, others);
      case 'folder-create':
      case 'folder-rename':
      case 'folder-delete':
      case 'folder-subscribe':
        return await runFolderOperation(connection, accountId, op);
    }
  } catch (error) {
    // A broken connection, here or to the other account, leaves the operation queued for the next attempt.
    if (!connection.usable || error instanceof OtherAccountUnavailable) throw error;
    if (error instanceof MissingFolder) {
      return { result: 'conflict', issue: { kind: 'folder-gone', summary: describeOperation(op), detail: error.message } };
    }
    return { result: 'conflict', issue: { kind: 'refused', summary: describeOperation(op), detail: reasonOf(error) } };
  }
}
