/**
 * The names of every command and event of the contract, without their schemas. The Electron
 * preload imports only this file (it must stay tiny and dependency-free); contract.ts is
 * checked against these lists by the type system and by contract.test.ts.
 */
export const commandNames = [
  'app.info',
  'store.attach',
  'store.reply',
  'account.save',
  'account.open',
  'account.remove',
  'account.known',
  'account.syncNow',
  'message.loadBody',
  'message.source',
  'attachment.parseMessage',
  'compose.blobCreate',
  'compose.blobAppend',
  'outbox.queue',
  'outbox.list',
  'outbox.cancel',
  'outbox.retryNow',
  'draft.save',
  'draft.remove',
  'compose.original',
  'account.discover',
  'account.verify',
  'account.reverify',
  'ops.replayNow',
  'search.server',
  'relay.get',
  'relay.configure',
  'relay.flush',
  'relay.delete',
] as const;

export const eventNames = ['account.status', 'store.call', 'outbox.changed', 'account.discoverProgress', 'relay.status', 'relay.queue', 'app.mailto'] as const;

export type CommandName = (typeof commandNames)[number];
export type EventName = (typeof eventNames)[number];

/** IPC channel names, one per command and event, so the preload can bind nothing else. */
export const commandChannel = (c: CommandName): string => `tern:cmd:${c}`;
export const eventChannel = (e: EventName): string => `tern:evt:${e}`;
