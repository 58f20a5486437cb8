/**
 * The store port (DESIGN.md, "The cache and the store port"): how the engine in the main
 * process reads and writes the cache that lives in the renderer. The renderer's Dexie cache
 * implements it; the hosts carry each call over IPC or WebSocket as a `store.call` event
 * answered by a `store.reply` command. Every method is described by schemas so that both
 * sides validate what crosses the boundary.
 */
import { z } from 'zod';
import { accountIdSchema, folderSchema, headerDeltaSchema, messageBodySchema, syncCursorSchema } from './model';

const folderRef = z.object({ accountId: accountIdSchema, folderPath: z.string().min(1).max(1000) });

export const storeMethods = {
  /** The folder's sync cursor, or null when it was never synced. */
  getCursor: { args: folderRef, result: syncCursorSchema.nullable() },
  /** Every UID cached for the folder, ascending (for UID-set comparison, RFC 4549 §4.3). */
  listUids: { args: folderRef, result: z.array(z.number().int().positive()) },
  /** Replace the account's folder list; cached messages of vanished folders are dropped. */
  replaceFolders: {
    args: z.object({ accountId: accountIdSchema, folders: z.array(folderSchema).max(100_000) }),
    result: z.null(),
  },
  /** Apply a header delta and advance the folder's cursor in one transaction. */
  applyHeaderDelta: { args: headerDeltaSchema, result: z.null() },
  /** Store a downloaded body. */
  putBody: { args: messageBodySchema, result: z.null() },
} as const;

export type StoreMethodName = keyof typeof storeMethods;
export type StoreArgs<M extends StoreMethodName> = z.infer<(typeof storeMethods)[M]['args']>;
export type StoreResult<M extends StoreMethodName> = z.infer<(typeof storeMethods)[M]['result']>;

/** The port itself: one async function per method. */
export type StorePort = { [M in StoreMethodName]: (args: StoreArgs<M>) => Promise<StoreResult<M>> };

export const storeMethodNames = Object.keys(storeMethods) as StoreMethodName[];
