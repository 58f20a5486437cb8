/**
 * The store port (DESIGN.md, "The cache and the store port"): how the engine in the main
 * process reads and writes the cache that lives in the renderer. The renderer's Dexie cache
 * implements it; the hosts carry each call over IPC or WebSocket as a `store.call` event
 * answered by a `store.reply` command. Every method is described by schemas so that both
 * sides validate what crosses the boundary.
 */
import { z } from 'zod';
import { accountIdSchema, folderSchema, headerDeltaSchema, messageAttachmentSchema, messageBodySchema, syncCursorSchema } from './model';
import { operationOutcomeSchema, pendingOperationSchema } from './operations';

const folderRef = z.object({ accountId: accountIdSchema, folderPath: z.string().min(1).max(1000) });
/** A UID bound: 0 … 2^32-1 (RFC 3501 §2.3.1.1 UIDs are 32-bit). */
const uidBound = z.number().int().nonnegative().max(0xffff_ffff);

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
  putBody: {
    args: messageBodySchema.extend({
      attachments: z.array(messageAttachmentSchema.extend({ dataBase64: z.string() })).max(10_000).optional(),
    }),
    result: z.null(),
  },
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
