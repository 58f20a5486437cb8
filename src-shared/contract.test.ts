import { describe, expect, expectTypeOf, it } from 'vitest';
import { commandChannel, commandNames, commands, eventChannel, eventNames, events, type CommandName, type EventName } from './contract';
import { storeMethodNames, storeMethods, type StoreMethodName, type StorePort } from './store-port';

describe('contract', () => {
  it('lists exactly the commands and events that have schemas', () => {
    expect([...commandNames].sort()).toEqual(Object.keys(commands).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
    // The type system agrees with the runtime lists (checked by `npm run typecheck`).
    expectTypeOf<keyof typeof commands>().toEqualTypeOf<CommandName>();
    expectTypeOf<keyof typeof events>().toEqualTypeOf<EventName>();
  });

  it('gives every command and event its own IPC channel', () => {
    const channels = [...commandNames.map(commandChannel), ...eventNames.map(eventChannel)];
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('describes every store-port method and nothing else', () => {
    expect([...storeMethodNames].sort()).toEqual(Object.keys(storeMethods).sort());
    expectTypeOf<keyof StorePort>().toEqualTypeOf<StoreMethodName>();
    expect(events['store.call'].safeParse({ callId: 1, method: 'dropDatabase', args: {} }).success).toBe(false);
  });

  it('refuses hostile arguments at the boundary', () => {
    const save = commands['account.save'].args;
    const account = {
      id: 'a1', name: 'Work', email: 'me@example.org',
      incoming: { protocol: 'imap', host: 'imap.example.org', port: 993, security: 'tls', user: 'me' },
    };
    expect(save.safeParse({ account, password: 'pw' }).success).toBe(true);
    expect(save.safeParse({ account: { ...account, id: '../../etc' } }).success).toBe(false);
    expect(save.safeParse({ account: { ...account, incoming: { ...account.incoming, port: 70000 } } }).success).toBe(false);
    expect(save.safeParse({ account: { ...account, incoming: { ...account.incoming, host: 'evil host\r\n' } } }).success).toBe(false);
    expect(save.safeParse({ account, extra: true }).success).toBe(false);
    expect(commands['message.loadBody'].args.safeParse({ accountId: 'a1', folderPath: 'INBOX', uid: -1 }).success).toBe(false);
  });
});
