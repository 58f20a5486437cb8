/**
 * The store port (DESIGN.md, "The cache and the store port"): how the engine in the main
 * process reads and writes the cache that lives in the renderer. The renderer's Dexie cache
 * implements it; the hosts carry each call over IPC or WebSocket as a `store.call` event
 * answered by a `store.reply` command. Every method is described by schemas so that both
 * sides validate what crosses the boundary.
 */
import { z } from 'zod';
import { accountIdSchema, folderSchema, headerDeltaSchema, messageAttachmentSchema, messageBodySchema, messageHeaderSchema, syncCursorSchema } from './model';
import { operationOutcomeSchema, pendingOperationSchema } from './operations';

const folderRef = z.object({ accountId: accountIdSchema, folderPath: z.string().min(1).max(1000) });
/** A UID bound: 0 … 2^32-1 (RFC 3501 §2.3.1.1 UIDs are 32-bit). */
const uidBound = z.number().int().nonnegative().max(0xffff_ffff);
/** RFC 1939 §7: a unique-id is 1 to 70 characters in 0x21…0x7E. */
const uidlSchema = z.string().regex(/^[\x21-\x7e]{1,70}$/);

/** What the cache remembers of a downloaded POP3 message (schema v8): where it went, and when. */
export const pop3RecordSchema = z.object({
  accountId: accountIdSchema,
  uidl: uidlSchema,
  folderPath: z.string().min(1).max(1000),
  uid: z.number().int().positive(),
  downloadedAt: z.number(),
  /** The user deleted the local copy (retention 'delete-when-deleted-locally' then removes the server's). */
  deletedLocally: z.boolean(),
  /** Only the header was fetched (TOP); the body comes when the message is opened. */
  partial: z.boolean(),
});
export type Pop3Record = z.infer<typeof pop3RecordSchema>;

const bodyWithAttachments = messageBodySchema.extend({
  attachments: z.array(messageAttachmentSchema.extend({ dataBase64: z.string() })).max(10_000).optional(),
});

export const storeMethods = {
  /** The folder's sync cursor, or null when it was never synced. */
  getCursor: { args: folderRef, result: syncCursorSchema.nullable() },
  /** How many UIDs ≤ `upTo` the folder has cached: a resync compares it with the server's count instead of listing them. */
  countUids: { args: folderRef.extend({ upTo: uidBound }), result: z.number().int().nonnegative() },
  /**
   * The cached UIDs in `from`…`to` (default: all) as ascending runs [first, last], so a
   * contiguous folder of any size is one pair (for UID-set comparison, RFC 4549 §4.3).
   */
  listUidRanges: {
    args: folderRef.extend({ from: uidBound.optional(), to: uidBound.optional() }),
    result: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])),
  },
  /** Replace the account's folder list; cached messages of vanished folders are dropped. */
  replaceFolders: {
    args: z.object({ accountId: accountIdSchema, folders: z.array(folderSchema).max(100_000) }),
    result: z.null(),
  },
  /** Apply a header delta and advance the folder's cursor in one transaction. */
  applyHeaderDelta: { args: headerDeltaSchema, result: z.null() },
  /** Store a downloaded body, with its attachments (bytes as base64) in the same transaction. */
  putBody: { args: bodyWithAttachments, result: z.null() },
  /** Store several downloaded bodies in one transaction (the background download's batches). */
  putBodies: { args: z.object({ bodies: z.array(bodyWithAttachments).max(100) }), result: z.null() },
  /**
   * Up to `limit` cached messages of the folder dated `since` or later whose body is not
   * cached, newest first by date, then UID (the background download's next batch,
   * offline-policy.ts). Messages no newer than the newest the disk budget evicted are left
   * out, so a full budget does not download again what it has just evicted. With
   * `olderThan` (the last message of the previous batch) the list goes on after it, so a
   * download run reads the folder once instead of once per batch.
   */
  listMissingBodies: {
    args: folderRef.extend({
      since: z.number(),
      limit: z.number().int().positive().max(10_000),
      olderThan: z.object({ date: z.number(), uid: z.number().int().positive() }).optional(),
    }),
    result: z.array(z.object({ uid: z.number().int().positive(), size: z.number().int().nonnegative(), date: z.number() })),
  },
  /**
   * Evicts bodies (never headers) until the account's cached bodies and attachments fit in
   * `limitBytes`: the oldest messages first ('oldest', disconnected model) or the bodies
   * fetched longest ago ('least-recent', the online model's bounded cache). Bodies in Drafts
   * or in a folder with queued operations are kept. Answers the bytes used afterwards.
   */
  enforceBodyBudget: {
    args: z.object({ accountId: accountIdSchema, limitBytes: z.number().int().positive(), order: z.enum(['oldest', 'least-recent']) }),
    result: z.object({ usedBytes: z.number().nonnegative(), evicted: z.number().int().nonnegative() }),
  },
  /** A POP3 account's download records; creates its local Inbox the first time. */
  pop3Records: { args: z.object({ accountId: accountIdSchema }), result: z.array(pop3RecordSchema) },
  /**
   * Downloaded POP3 messages: each header (given the next local UID of the Inbox), body,
   * attachments and UIDL record, all in one strict-durability transaction, so the server
   * copies may be deleted once this answers. A UIDL already recorded stores nothing again (a
   * retry after a lost answer), except the body of a message first fetched header-only.
   * Answers where each message is, in order.
   */
  applyPop3Download: {
    args: z.object({
      accountId: accountIdSchema,
      downloads: z
        .array(
          z.object({
            uidl: uidlSchema,
            downloadedAt: z.number(),
            header: messageHeaderSchema.omit({ accountId: true, folderPath: true, uid: true }),
            body: messageBodySchema.pick({ text: true, html: true, problem: true }).nullable(),
            attachments: z.array(messageAttachmentSchema.omit({ accountId: true, folderPath: true, uid: true }).extend({ dataBase64: z.string() })).max(10_000),
          }),
        )
        .min(1)
        .max(1000),
    }),
    result: z.array(z.object({ folderPath: z.string(), uid: z.number().int().positive() })),
  },
  /** Drops the records of UIDLs the server no longer lists (deleted there, RFC 1939 §6). */
  forgetPop3Uidls: { args: z.object({ accountId: accountIdSchema, uidls: z.array(uidlSchema).max(1_000_000) }), result: z.null() },
  /** The account's queued operations, oldest first (operations.ts). */
  listOperations: { args: z.object({ accountId: accountIdSchema }), result: z.array(pendingOperationSchema) },
  /** Remove a replayed operation from the queue with how it ended, in one durable transaction. */
  settleOperation: {
    args: z.object({ accountId: accountIdSchema, seq: z.number().int().positive(), outcome: operationOutcomeSchema }),
    result: z.null(),
  },
} as const;

export type StoreMethodName = keyof typeof storeMethods;
export type StoreArgs<M extends StoreMethodName> = z.infer<(typeof storeMethods)[M]['args']>;
export type StoreResult<M extends StoreMethodName> = z.infer<(typeof storeMethods)[M]['result']>;

/** The port itself: one async function per method. */
export type StorePort = { [M in StoreMethodName]: (args: StoreArgs<M>) => Promise<StoreResult<M>> };

export const storeMethodNames = Object.keys(storeMethods) as StoreMethodName[];
