/**
 * The operation log (RFC 4549 §4, DESIGN.md): a user action changes the cached messages at
 * once and is queued for the engine in the same transaction, through the `durable` (strict)
 * handle, because the action is acknowledged to the user the moment the list changes. Each
 * record keeps the headers as they were, so a conflict can put them back, and a move keeps
 * the bodies until the server has said where the messages went, so a COPYUID answer can
 * re-file them without downloading them again.
 */
import type { MessageHeader } from '../../src-shared/model';
import {
  describeOperation,
  isMessageOperation,
  operationSchema,
  type MessageOperation,
  type Operation,
  type OperationOutcome,
  type PendingOperation,
} from '../../src-shared/operations';
import { bodyBudgetTables, copyBody, dropBodies } from './body-budget';
import type { Cache, TernDexie } from './db';
import { applyFolderChange, undoFolderChange, type FolderUndo } from './folder-changes';
import type { OperationRecord } from './records';
import { copySnippet, dropSnippets, snippetTables } from './snippet-store';

type MessageKey = [string, string, number];

function keysOf(accountId: string, op: MessageOperation): MessageKey[] {
  return op.messages.map((m) => [accountId, op.folderPath, m.uid]);
}

/** The flags after setting or clearing one (absolute, so a replay does nothing new). */
export function withFlag(flags: readonly string[], flag: string, value: boolean): string[] {
  const others = flags.filter((f) => f.toLowerCase() !== flag.toLowerCase());
  return value ? [...others, flag] : others;
}

function flagged(header: MessageHeader, flag: string, value: boolean): MessageHeader {
  const flags = withFlag(header.flags, flag, value);
  return { ...header, flags, unread: flags.includes('\\Seen') ? 0 : 1 };
}

/** Applies `op` to the cached messages and queues it, as one strict-durability transaction. */
export async function enqueueOperation({ durable }: Cache, accountId: string, op: Operation): Promise<number> {
  const operation = operationSchema.parse(op);
  return durable.transaction('rw', [durable.messages, durable.folders, durable.operations], async () => {
    const before = isMessageOperation(operation) ? await applyMessageChange(durable, accountId, operation) : await applyFolderChange(durable, accountId, operation);
    const record: OperationRecord = {
      accountId,
      folderPath: operation.folderPath,
      kind: operation.kind,
      payload: operation,
      createdAt: Date.now(),
      before,
    };
    const seq = await durable.operations.add(record);
    if (seq === undefined) throw new Error('The cache did not number the queued operation.');
    return seq;
  });
}

/** Changes the cached messages; returns them as they were. */
async function applyMessageChange(durable: TernDexie, accountId: string, operation: MessageOperation): Promise<MessageHeader[]> {
  const keys = keysOf(accountId, operation);
  const before = (await durable.messages.bulkGet(keys)).filter((h): h is MessageHeader => h !== undefined);
  if (operation.kind === 'flag') {
    await durable.messages.bulkPut(before.map((h) => flagged(h, operation.flag, operation.value)));
  } else if (operation.kind === 'move' || operation.kind === 'expunge' || (operation.kind === 'to-account' && !operation.keepOriginal)) {
    // Bodies stay until the operation is settled (settleOperation re-files or drops them).
    await durable.messages.bulkDelete(keys);
  }
  return before;
}

/**
 * `headers` with the flag operations still queued for their folder applied on top, so a sync
 * that ran before the replay reached the server does not flip the user's change back.
 */
export async function withPendingFlags(db: TernDexie, accountId: string, folderPath: string, headers: MessageHeader[]): Promise<MessageHeader[]> {
  if (headers.length === 0) return headers;
  const records = await db.operations.where('[accountId+folderPath]').equals([accountId, folderPath]).toArray();
  const flagOps = records.flatMap((r) => {
    const parsed = operationSchema.safeParse(r.payload);
    return parsed.success && parsed.data.kind === 'flag' ? [parsed.data] : [];
  });
  if (flagOps.length === 0) return headers;
  return headers.map((header) =>
    flagOps.reduce((h, op) => (op.messages.some((m) => m.uid === h.uid) ? flagged(h, op.flag, op.value) : h), header),
  );
}

/** The account's queued operations, oldest first; a record this version cannot read becomes a sync issue. */
export async function listOperations(cache: Cache, accountId: string): Promise<PendingOperation[]> {
  const records = await cache.durable.operations.where('accountId').equals(accountId).toArray();
  const pending: PendingOperation[] = [];
  for (const record of records) {
    const parsed = operationSchema.safeParse(record.payload);
    if (parsed.success && record.seq !== undefined) {
      pending.push({ seq: record.seq, accountId, createdAt: record.createdAt, operation: parsed.data });
      continue;
    }
    await cache.durable.transaction('rw', [cache.durable.operations, cache.durable.syncIssues], async () => {
      await cache.durable.operations.delete(record.seq!);
      await cache.durable.syncIssues.add({
        accountId,
        kind: 'unreadable',
        summary: `A queued ${String(record.kind)} in ${record.folderPath}`,
        detail: 'This version of Tern cannot read the queued operation, so it was not sent to the server.',
        at: Date.now(),
      });
    });
  }
  return pending.sort((a, b) => a.seq - b.seq);
}

/**
 * Removes a replayed operation from the log with its outcome: a move's bodies follow the
 * messages to their new UIDs or are dropped; a conflict puts the headers back as they were
 * (unless the messages are gone from the server) and is listed as a sync issue.
 */
export async function settleOperation(cache: Cache, accountId: string, seq: number, outcome: OperationOutcome): Promise<void> {
  const d = cache.durable;
  await d.transaction('rw', [d.operations, d.messages, d.folders, d.syncIssues, ...bodyBudgetTables(d), ...snippetTables(d)], async () => {
    const record = await d.operations.get(seq);
    if (!record || record.accountId !== accountId) return; // settled already: a replay after a cut
    await d.operations.delete(seq);
    const parsed = operationSchema.safeParse(record.payload);
    if (!parsed.success) return;
    const op = parsed.data;
    const issue = outcome.issue;
    if (issue !== null) {
      await d.syncIssues.add({ accountId, kind: issue.kind, summary: issue.summary || describeOperation(op), detail: issue.detail, at: Date.now() });
    }
    if (!isMessageOperation(op)) {
      // Done: the sync after the replay lists the server's folders; a conflict undoes the change.
      if (outcome.result === 'conflict' && record.before) await undoFolderChange(d, accountId, record.before as FolderUndo);
      return;
    }
    const before = Array.isArray(record.before) ? (record.before as MessageHeader[]) : [];
    if (outcome.result === 'conflict') {
      if (outcome.issue.kind !== 'message-gone') await d.messages.bulkPut(before);
      return;
    }
    if (op.kind === 'move' || op.kind === 'copy') {
      const byUid = new Map(before.map((h) => [h.uid, h]));
      for (const { fromUid, toUid } of outcome.placed) {
        const header = byUid.get(fromUid);
        if (header) await d.messages.put({ ...header, folderPath: op.target, uid: toUid });
        await copyBody(d, [accountId, op.folderPath, fromUid], { accountId, folderPath: op.target, uid: toUid });
        await copySnippet(d, [accountId, op.folderPath, fromUid], { accountId, folderPath: op.target, uid: toUid });
      }
    }
    if (op.kind === 'to-account') {
      // Filed in the other account's folder at the UID its server gave, if that folder is
      // cached; otherwise, or without a UID, that account's next sync brings the messages.
      const known = await d.folders.get([op.targetAccountId, op.target]);
      const byUid = new Map(before.map((h) => [h.uid, h]));
      for (const { fromUid, toUid } of known ? outcome.placed : []) {
        const header = byUid.get(fromUid);
        const to = { accountId: op.targetAccountId, folderPath: op.target, uid: toUid };
        if (header) await d.messages.put({ ...header, ...to });
        await copyBody(d, [accountId, op.folderPath, fromUid], to);
        await copySnippet(d, [accountId, op.folderPath, fromUid], to);
      }
    }
    if (op.kind === 'move' || op.kind === 'expunge' || (op.kind === 'to-account' && !op.keepOriginal)) {
      await dropBodies(d, accountId, op.folderPath, op.messages.map((m) => m.uid));
      await dropSnippets(d, accountId, op.folderPath, op.messages.map((m) => m.uid));
    }
  });
}
