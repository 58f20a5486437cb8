/**
 * The contract between the renderer and the main process: every command (renderer → main,
 * request/response) and every event (main → renderer). The Electron preload exposes exactly
 * these as `window.tern`; the web host carries exactly these over its WebSocket. Arguments
 * are validated at runtime by the receiving side because the renderer is untrusted.
 */
import { z } from 'zod';
import { accountIdSchema, accountSchema, accountStatusSchema, addressSchema, messageAttachmentSchema } from './model';
import { blobIdSchema, composedMessageSchema, draftIdSchema, outboxEntrySchema } from './outgoing';
import { storeMethodNames, type StoreMethodName } from './store-port';
import { discoverArgsSchema, discoverProgressSchema, discoveryResultSchema, reverifyArgsSchema, verifyArgsSchema, verifyResultSchema } from './account-setup';
import type { CommandName, EventName } from './channels';
import type { SearchQuery } from './search-query';
import { relayOverviewSchema, relayQueueSchema, relaySettingsSchema, relayStatusSchema } from './relay-settings';

export { commandNames, eventNames, commandChannel, eventChannel } from './channels';
export type { CommandName, EventName } from './channels';

interface CommandSpec {
  args: z.ZodType;
  result: z.ZodType;
}

const empty = z.object({}).strict();
/** 30 MB once decoded: an attached message larger than that is saved, not opened. */
const attachedMessageMaxBase64 = 40 * 1024 * 1024;
const attachedMessageSchema = z.object({
  subject: z.string(),
  from: z.array(addressSchema),
  to: z.array(addressSchema),
  cc: z.array(addressSchema),
  date: z.number().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  problem: z.string().nullable(),
  attachments: z.array(
    messageAttachmentSchema.omit({ accountId: true, folderPath: true, uid: true }).extend({ dataBase64: z.string() }),
  ),
});
const searchWords = z.array(z.string().min(1).max(64)).max(20);
/** A parsed search-box query (search-query.ts), as the server search takes it. */
const searchQuerySchema = z
  .object({
    words: searchWords,
    from: searchWords,
    to: searchWords,
    subject: searchWords,
    hasAttachment: z.boolean(),
    unread: z.boolean().nullable(),
    flagged: z.boolean().nullable(),
    before: z.number().nullable(),
    after: z.number().nullable(),
    folder: z.string().min(1).max(1000).nullable(),
    openEnded: z.boolean(),
  })
  .strict() satisfies z.ZodType<SearchQuery>;
const messageRef = z.object({
  accountId: accountIdSchema,
  folderPath: z.string().min(1).max(1000),
  uid: z.number().int().positive(),
});

export const commands = {
  /** Which host runs the engine, and its version. */
  'app.info': {
    args: empty,
    result: z.object({ version: z.string(), host: z.enum(['electron', 'web']) }),
  },
  /** This window serves the store port from now on (the newest window to attach wins). */
  'store.attach': { args: empty, result: z.null() },
  /** The renderer's answer to a `store.call` event. */
  'store.reply': {
    args: z.discriminatedUnion('ok', [
      z.object({ callId: z.number().int().nonnegative(), ok: z.literal(true), value: z.unknown() }),
      z.object({ callId: z.number().int().nonnegative(), ok: z.literal(false), error: z.string().max(10_000) }),
    ]),
    result: z.null(),
  },
  /** Add an account (or replace its settings) and start supervising it. The password, when
   *  given, goes to the host's secret store and never to the cache. */
  'account.save': {
    args: z
      .object({
        account: accountSchema,
        password: z.string().min(1).max(10_000).optional(),
        /** Only for an SMTP login whose password differs from the incoming one. */
        smtpPassword: z.string().min(1).max(10_000).optional(),
      })
      .strict(),
    result: z.null(),
  },
  /** Supervise an account already in the cache (called for each account at start-up). */
  'account.open': { args: z.object({ account: accountSchema }).strict(), result: z.null() },
  /** Stop supervising an account and forget its password. */
  'account.remove': { args: z.object({ accountId: accountIdSchema }).strict(), result: z.null() },
  /** The accounts the host was last asked to supervise, from its own list: for a window
   *  whose cache is empty because the browser deleted it (host/account-list-file.ts). */
  'account.known': { args: z.object({}).strict(), result: z.array(accountSchema) },
  /** Synchronise an account now. */
  'account.syncNow': { args: z.object({ accountId: accountIdSchema }).strict(), result: z.null() },
  /** Download a message's body into the cache; fails with a clear error when offline. */
  'message.loadBody': { args: messageRef.strict(), result: z.null() },
  /** The raw message ("View source"), fetched from the server; cut at 5 MB, and says so. */
  'message.source': {
    args: messageRef.strict(),
    result: z.object({ text: z.string(), size: z.number().int().nonnegative(), truncated: z.boolean() }),
  },
  /** Parse an attached message (message/rfc822) so the reader can open it as a message. */
  'attachment.parseMessage': {
    args: z.object({ dataBase64: z.string().max(attachedMessageMaxBase64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64') }).strict(),
    result: attachedMessageSchema,
  },
  /**
   * Runs a search-box query on the account's IMAP server, in every selectable folder (or the
   * in: folder): the messages found, newest UIDs first, at most `limit`.
   */
  'search.server': {
    args: z.object({ accountId: accountIdSchema, query: searchQuerySchema, limit: z.number().int().min(1).max(1000) }).strict(),
    result: z.object({
      hits: z.array(z.object({ folderPath: z.string().max(1000), uid: z.number().int().positive() })).max(1000),
      truncated: z.boolean(),
      problems: z.array(z.string().max(500)).max(1000),
    }),
  },
  /** Start staging an attachment in the main process (its bytes follow in chunks). */
  'compose.blobCreate': { args: empty, result: z.object({ blobId: blobIdSchema }) },
  /** Append a chunk (at most 4 MB once decoded) at `offset`, which must be the bytes staged so far. */
  'compose.blobAppend': {
    args: z
      .object({
        blobId: blobIdSchema,
        offset: z.number().int().nonnegative(),
        dataBase64: z.string().max(Math.ceil((4 * 1024 * 1024) / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'),
      })
      .strict(),
    result: z.object({ size: z.number().int().nonnegative() }),
  },
  /** Queue a message durably (answers once it is on disk) to be sent at `sendAt` (the undo delay, or later). */
  'outbox.queue': {
    args: z.object({ accountId: accountIdSchema, message: composedMessageSchema, sendAt: z.number(), draftId: draftIdSchema.optional() }).strict(),
    result: z.object({ id: z.string(), messageId: z.string() }),
  },
  /** Every outbox entry with its state (the same list `outbox.changed` carries). */
  'outbox.list': { args: empty, result: z.array(outboxEntrySchema) },
  /** Take a waiting or failed message out of the outbox (undo send); refused once it is being sent. */
  'outbox.cancel': { args: z.object({ id: z.string().regex(/^[a-f0-9]{32}$/) }).strict(), result: z.null() },
  /** Try the waiting messages now instead of at their next retry. */
  'outbox.retryNow': { args: empty, result: z.null() },
  /** Save a draft's current version in the server's Drafts folder (replacing older versions). */
  'draft.save': { args: z.object({ accountId: accountIdSchema, draftId: draftIdSchema, message: composedMessageSchema }).strict(), result: z.null() },
  /** A message's exact bytes, to forward it as an attachment (message/rfc822); at most 25 MB. */
  'compose.original': { args: messageRef.strict(), result: z.object({ dataBase64: z.string() }) },
  /** Remove a draft from the server's Drafts folder (discarded). */
  'draft.remove': { args: z.object({ accountId: accountIdSchema, draftId: draftIdSchema }).strict(), result: z.null() },
  /** Send the account's queued operations (operations.ts) to the server now; resolves once they
   *  ran. Fails with a clear error when an online-model account is offline. */
  'ops.replayNow': { args: z.object({ accountId: accountIdSchema }).strict(), result: z.null() },
  /** Find an address's servers (autoconfig, SRV, MX, guessing); no password involved. Progress
   *  arrives as `account.discoverProgress` events to the asking window. */
  'account.discover': { args: discoverArgsSchema, result: discoveryResultSchema },
  /** Log in to the incoming server and authenticate to SMTP before saving; problems are named. */
  'account.verify': { args: verifyArgsSchema, result: verifyResultSchema },
  /** The same check for a saved account's changed settings, with its stored passwords where allowed. */
  'account.reverify': { args: reverifyArgsSchema, result: verifyResultSchema },
  /** The embedded relay's settings, whether it runs, and its queue. */
  'relay.get': { args: empty, result: relayOverviewSchema },
  /** Save the relay's settings (the smarthost password goes to the secret store) and start or stop it to match. */
  'relay.configure': {
    args: z.object({ settings: relaySettingsSchema, smarthostPassword: z.string().min(1).max(10_000).optional() }).strict(),
    result: z.null(),
  },
  /** Try every deferred message now (postqueue -f). */
  'relay.flush': { args: empty, result: z.null() },
  /** Remove a message from the relay's queue without delivering or bouncing it. */
  'relay.delete': { args: z.object({ id: z.string().regex(/^[0-9a-z]{1,12}-[0-9a-f]{12}$/) }).strict(), result: z.null() },
} as const satisfies Record<CommandName, CommandSpec>;

export const events = {
  /** An account's connection state changed. */
  'account.status': accountStatusSchema,
  /** The engine calls a store-port method; the renderer answers with `store.reply`. */
  'store.call': z.object({
    callId: z.number().int().nonnegative(),
    method: z.enum(storeMethodNames as [StoreMethodName, ...StoreMethodName[]]),
    args: z.unknown(),
  }),
  /** The outbox changed: every entry, with its state and per-recipient outcome. */
  'outbox.changed': z.array(outboxEntrySchema),
  /** One step of an `account.discover` started or ended (sent only to the window that asked). */
  'account.discoverProgress': discoverProgressSchema,
  /** The embedded relay started, stopped or failed to start. */
  'relay.status': relayStatusSchema,
  /** The relay's queue changed: every queued message with each recipient's state and last error. */
  'relay.queue': relayQueueSchema,
  /** A mailto: link the host caught (Electron: one in an HTML message's frame), to compose. */
  'app.mailto': z.object({ url: z.string().max(16_000) }),
} as const satisfies Record<EventName, z.ZodType>;

export type CommandArgs<C extends CommandName> = z.input<(typeof commands)[C]['args']>;
export type CommandResult<C extends CommandName> = z.infer<(typeof commands)[C]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Handlers receive validated (parsed) arguments. */
export type CommandHandlers = {
  [C in CommandName]: (args: z.infer<(typeof commands)[C]['args']>) => Promise<CommandResult<C>>;
};

/** What `window.tern` is, in Electron and (through the WebSocket client) in a browser. */
export interface TernApi {
  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Errors cross the boundary as this shape; `message` is meant for the user. */
export const remoteErrorSchema = z.object({ message: z.string(), code: z.string().optional() });
export type RemoteError = z.infer<typeof remoteErrorSchema>;
