/**
 * A message dropped on another account's folder: queued in its own account's log as a move
 * to that account (engine/ops/account-transfer.ts), under its own account's access model.
 * Both accounts must keep their mail on an IMAP server.
 */
import type { Account, AccountStatus } from '../../../src-shared/model';
import type { Cache } from '../../cache/db';
import type { QueueResult } from '../shared/queue-operation';
import type { MessageRef } from '../shared/refs';
import { planToAccount } from './message-operations';
import { performOperation } from './perform-operation';

export async function moveToAccount(cache: Cache, ref: MessageRef, target: Account, targetPath: string, statusOf: (accountId: string) => AccountStatus | undefined): Promise<QueueResult> {
  const source = await cache.db.accounts.get(ref.accountId);
  if (!source) return { ok: false, text: 'The message’s account is no longer set up.' };
  for (const account of [source, target]) {
    if (account.incoming.protocol !== 'imap') return { ok: false, text: `${account.name} keeps its mail on this computer only: mail cannot be moved between it and another account.` };
  }
  const to = { accountId: target.id, accountName: target.name, path: targetPath };
  return performOperation(cache, source, statusOf(source.id)?.state === 'online', ref, ({ header, uidValidity }) => planToAccount(header, uidValidity, to, false));
}
