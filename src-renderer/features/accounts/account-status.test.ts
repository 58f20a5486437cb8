import { describe, expect, it } from 'vitest';
import type { TernApi } from '../../../src-shared/contract';
import type { AccountStatus } from '../../../src-shared/model';
import { createAccountStatusStore } from './account-status-store';
import { describeStatus } from './status-text';

function fakeTern() {
  let emit: (status: AccountStatus) => void = () => undefined;
  const tern = {
    on: (_event: string, listener: (status: AccountStatus) => void) => {
      emit = listener;
      return () => (emit = () => undefined);
    },
  } as unknown as Pick<TernApi, 'on'>;
  return { tern, emit: (status: AccountStatus) => emit(status) };
}

describe('account status text', () => {
  it('reads "Connecting…" before the first event', () => {
    expect(describeStatus(undefined)).toEqual({ text: 'Connecting…', tone: 'busy' });
  });

  it('shows each state, with the server’s words when there are any', () => {
    const at = 1;
    expect(describeStatus({ accountId: 'a', state: 'online', at })).toEqual({ text: 'Online', tone: 'ok' });
    expect(describeStatus({ accountId: 'a', state: 'online', detail: 'Could not sync Archive (Mailbox is locked)', at })).toEqual({
      text: 'Online — Could not sync Archive (Mailbox is locked)',
      tone: 'warn',
    });
    expect(describeStatus({ accountId: 'a', state: 'syncing', at }).text).toBe('Syncing…');
    expect(describeStatus({ accountId: 'a', state: 'syncing', detail: 'Downloading 100 of 900 messages', at }).text).toBe('Syncing… — Downloading 100 of 900 messages');
    expect(describeStatus({ accountId: 'a', state: 'offline', at }).text).toBe('Offline');
    expect(describeStatus({ accountId: 'a', state: 'offline', detail: 'Network unreachable', at }).text).toBe(
      'Offline — Network unreachable',
    );
    expect(describeStatus({ accountId: 'a', state: 'error', detail: 'Invalid credentials', at })).toEqual({
      text: 'Error — Invalid credentials',
      tone: 'bad',
    });
  });
});

describe('account status store', () => {
  it('keeps the latest status per account and tells subscribers', () => {
    const { tern, emit } = fakeTern();
    const store = createAccountStatusStore(tern);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    emit({ accountId: 'a', state: 'connecting', at: 1 });
    emit({ accountId: 'b', state: 'error', detail: 'no', at: 1 });
    emit({ accountId: 'a', state: 'online', at: 2 });
    expect(store.get('a')?.state).toBe('online');
    expect(store.get('b')?.state).toBe('error');
    expect(calls).toBe(3);
    unsubscribe();
    emit({ accountId: 'a', state: 'syncing', at: 3 });
    expect(calls).toBe(3);
    expect(store.get('a')?.state).toBe('syncing');
  });

  it('ignores a status older than the one it has', () => {
    const { tern, emit } = fakeTern();
    const store = createAccountStatusStore(tern);
    emit({ accountId: 'a', state: 'online', at: 5 });
    store.report({ accountId: 'a', state: 'error', at: 4 });
    expect(store.get('a')?.state).toBe('online');
  });

  it('stops listening when disposed', () => {
    const { tern, emit } = fakeTern();
    const store = createAccountStatusStore(tern);
    store.dispose();
    emit({ accountId: 'a', state: 'online', at: 1 });
    expect(store.get('a')).toBeUndefined();
  });
});
