/**
 * Carries out an action on several messages (a multiple selection, messages dragged onto a
 * folder, a folder marked read): one operation per folder they are in (planBulk), split
 * where a folder has more than one operation may name, each queued with its account's
 * access model (perform-operation.ts queuePlanned). Moving mail between accounts needs both to keep
 * it on an IMAP server; a POP3 account's mail is on this computer only.
 */
import type { AccountStatus, MessageHeader } from '../../../src-shared/model';
import { MAX_OPERATION_MESSAGES } from '../../../src-shared/operations';
import type { Cache } from '../../cache/db';
import type { QueueResult } from '../shared/queue-operation';
import type { MessageRef } from '../shared/refs';
import { planBulk, settledAction, type PlannedAction } from './message-operations';
import { queuePlanned } from './perform-operation';

/** The messages still cached, grouped by the folder they are in, at most one operation's worth a group. */
async function cachedByFolder(cache: Cache, refs: readonly MessageRef[]): Promise<MessageHeader[][]> {
  const headers = await cache.db.messages.bulkGet(refs.map((m) => [m.accountId, m.folderPath, m.uid]));
  const groups = new Map<string, MessageHeader[]>();
  for (const h of headers) {
    if (!h) continue;
    const key = JSON.stringify([h.accountId, h.folderPath]);
    const group = groups.get(key);
    if (group) group.push(h);
    else groups.set(key, [h]);
  }
  return [...groups.values()].flatMap((group) => {
    const parts: MessageHeader[][] = [];
    for (let at = 0; at < group.length; at += MAX_OPERATION_MESSAGES) parts.push(group.slice(at, at + MAX_OPERATION_MESSAGES));
    return parts;
  });
}

export async function performBulk(cache: Cache, refs: readonly MessageRef[], asked: PlannedAction, statusOf: (accountId: string) => AccountStatus | undefined): Promise<QueueResult> {
  const { db } = cache;
  const results: QueueResult[] = [];
  const groups = await cachedByFolder(cache, refs);
  // One value for read or flag over every folder's messages, not one per folder.
  const action = settledAction(asked, groups.flat());
  for (const group of groups) {
    const { accountId, folderPath } = group[0]!;
    const account = await db.accounts.get(accountId);
    if (!account) continue;
    if (typeof action === 'object' && 'to' in action && action.to.accountId !== accountId) {
      const target = await db.accounts.get(action.to.accountId);
      const local = [account, target].find((a) => a?.incoming.protocol !== 'imap');
      if (local !== undefined || !target) {
        results.push({ ok: false, text: `${local?.name ?? 'That account'} keeps its mail on this computer only: mail cannot be moved between it and another account.` });
        continue;
      }
    }
    results.push(await queuePlanned(cache, account, statusOf(accountId)?.state === 'online', folderPath, (context) => planBulk(action, { headers: group, ...context })));
  }
  if (results.length === 0) return { ok: false, text: 'The messages are no longer in the cache.' };
  const failed = results.find((r) => !r.ok);
  if (failed) return failed;
  // A flag change or a move says the same for every folder: once, with the whole count.
  const whole = results.length > 1 && typeof action === 'object' ? planBulk(action, { headers: groups.flat(), folders: [], uidValidity: 0 }) : null;
  return { ok: true, text: whole?.ok ? whole.done : results.map((r) => r.text).join('; ') };
}
