/**
 * Operations: the user's intent on messages, written to the cache's operation log together
 * with their optimistic cache change and replayed to the server by the engine (RFC 4549 §4,
 * DESIGN.md "The three access models"). Every operation states an end result, never a
 * toggle, so replaying one twice changes nothing the second time. The conflict rules are in
 * docs/sync.md.
 */
import { z } from 'zod';
import { accountIdSchema } from './model';

const folderPath = z.string().min(1).max(1000);

/** A message as the user saw it: its UID then, and its Message-ID to find it again after a
 *  UIDVALIDITY change or an interrupted move (RFC 4549 §4.2.2). */
export const messageRefSchema = z.object({
  uid: z.number().int().positive(),
  messageId: z.string().max(1000).nullable(),
});
export type MessageRef = z.infer<typeof messageRefSchema>;

/** The most messages one operation names; more are split into several operations. */
export const MAX_OPERATION_MESSAGES = 10_000;

const onMessages = {
  folderPath,
  /** The folder's UIDVALIDITY when the UIDs were read; another value means they are stale. */
  uidValidity: z.number().int().nonnegative(),
  messages: z.array(messageRefSchema).min(1).max(MAX_OPERATION_MESSAGES),
};

export const operationSchema = z.discriminatedUnion('kind', [
  /** Set (`value` true) or clear one flag, e.g. \Seen or \Flagged. */
  z.object({ kind: z.literal('flag'), ...onMessages, flag: z.string().min(1).max(200), value: z.boolean() }),
  /** Move to `target` (delete to Trash is a move too). */
  z.object({ kind: z.literal('move'), ...onMessages, target: folderPath }),
  /** Copy to `target`; the originals stay. */
  z.object({ kind: z.literal('copy'), ...onMessages, target: folderPath }),
  /**
   * Move or copy to `target` in another account (`targetAccountId`): APPEND there, then, for
   * a move, expunge here. It stays in this (the source) account's queue.
   */
  z.object({ kind: z.literal('to-account'), ...onMessages, targetAccountId: accountIdSchema, target: folderPath, keepOriginal: z.boolean() }),
  /** Remove for good: \Deleted, then expunge (delete in Trash, or where there is no Trash). */
  z.object({ kind: z.literal('expunge'), ...onMessages }),
  /** Create the folder `folderPath` (a full server path, with the namespace prefix). */
  z.object({ kind: z.literal('folder-create'), folderPath }),
  /** Rename `folderPath` to `target`, children included (RFC 3501 §6.3.5); also a move under another parent. */
  z.object({ kind: z.literal('folder-rename'), folderPath, target: folderPath }),
  /** Delete the folder and the messages in it. */
  z.object({ kind: z.literal('folder-delete'), folderPath }),
  z.object({ kind: z.literal('folder-subscribe'), folderPath, value: z.boolean() }),
]);
export type Operation = z.infer<typeof operationSchema>;
export type OperationKind = Operation['kind'];
export type MessageOperation = Extract<Operation, { messages: unknown }>;
export type FolderOperation = Exclude<Operation, MessageOperation>;

export function isMessageOperation(op: Operation): op is MessageOperation {
  return 'messages' in op;
}

/** An operation as the log holds it: its place in the queue and its account. */
export const pendingOperationSchema = z.object({
  seq: z.number().int().positive(),
  accountId: accountIdSchema,
  createdAt: z.number(),
  operation: operationSchema,
});
export type PendingOperation = z.infer<typeof pendingOperationSchema>;

/** Why an operation could not take effect as asked (docs/sync.md lists the rules). */
export const syncIssueKindSchema = z.enum(['message-gone', 'folder-gone', 'refused', 'unreadable']);
export type SyncIssueKind = z.infer<typeof syncIssueKindSchema>;

export const syncIssueSchema = z.object({
  kind: syncIssueKindSchema,
  /** What the user asked for, in words ("Move 2 messages from INBOX to Archive"). */
  summary: z.string().max(2000),
  /** What happened instead, with the server's own words where it gave any. */
  detail: z.string().max(2000),
});
export type SyncIssue = z.infer<typeof syncIssueSchema>;

/** A moved or copied message's UID in the target, from COPYUID (RFC 4315 §3) or found by Message-ID. */
export const placedMessageSchema = z.object({
  fromUid: z.number().int().positive(),
  toUid: z.number().int().positive(),
});
export type PlacedMessage = z.infer<typeof placedMessageSchema>;

/** How an operation ended on the server. */
export const operationOutcomeSchema = z.discriminatedUnion('result', [
  /** Done; `placed` maps moved/copied messages to their UIDs in the target, where known;
   *  `issue` tells of messages the operation no longer found (done for the others). */
  z.object({ result: z.literal('done'), placed: z.array(placedMessageSchema).max(10_000), issue: syncIssueSchema.nullable() }),
  /** Could not be done as asked; the cache undoes its optimistic change and lists the issue. */
  z.object({ result: z.literal('conflict'), issue: syncIssueSchema }),
]);
export type OperationOutcome = z.infer<typeof operationOutcomeSchema>;

/** A short description of an operation, for the sync issues view and error messages. */
export function describeOperation(op: Operation): string {
  if (!isMessageOperation(op)) return describeFolderOperation(op);
  const count = op.messages.length === 1 ? '1 message' : `${op.messages.length} messages`;
  switch (op.kind) {
    case 'flag':
      return `${op.value ? 'Set' : 'Clear'} ${op.flag} on ${count} in ${op.folderPath}`;
    case 'move':
      return `Move ${count} from ${op.folderPath} to ${op.target}`;
    case 'copy':
      return `Copy ${count} from ${op.folderPath} to ${op.target}`;
    case 'to-account':
      return `${op.keepOriginal ? 'Copy' : 'Move'} ${count} from ${op.folderPath} to ${op.target} in another account`;
    case 'expunge':
      return `Delete ${count} from ${op.folderPath} for good`;
  }
}

function describeFolderOperation(op: FolderOperation): string {
  switch (op.kind) {
    case 'folder-create':
      return `Create the folder ${op.folderPath}`;
    case 'folder-rename':
      return `Rename the folder ${op.folderPath} to ${op.target}`;
    case 'folder-delete':
      return `Delete the folder ${op.folderPath}`;
    case 'folder-subscribe':
      return `${op.value ? 'Subscribe to' : 'Unsubscribe from'} the folder ${op.folderPath}`;
  }
}
