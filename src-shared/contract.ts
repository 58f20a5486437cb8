/**
 * The contract between the renderer and the main process: every command (renderer → main,
 * request/response) and every event (main → renderer). The Electron preload exposes exactly
 * these as `window.tern`; the web host carries exactly these over its WebSocket. Arguments
 * are validated at runtime by the receiving side because the renderer is untrusted.
 */
import { z } from 'zod';
import { accountIdSchema, accountSchema, accountStatusSchema } from './model';
import { storeMethodNames, type StoreMethodName } from './store-port';
import type { CommandName, EventName } from './channels';

export { commandNames, eventNames, commandChannel, eventChannel } from './channels';
export type { CommandName, EventName } from './channels';

interface CommandSpec {
  args: z.ZodType;
  result: z.ZodType;
}

const empty = z.object({}).strict();
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
    args: z.object({ account: accountSchema, password: z.string().min(1).max(10_000).optional() }).strict(),
    result: z.null(),
  },
  /** Supervise an account already in the cache (called for each account at start-up). */
  'account.open': { args: z.object({ account: accountSchema }).strict(), result: z.null() },
  /** Stop supervising an account and forget its password. */
  'account.remove': { args: z.object({ accountId: accountIdSchema }).strict(), result: z.null() },
  /** Synchronise an account now. */
  'account.syncNow': { args: z.object({ accountId: accountIdSchema }).strict(), result: z.null() },
  /** Download a message's body into the cache; fails with a clear error when offline. */
  'message.loadBody': { args: messageRef.strict(), result: z.null() },
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
