import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src-shared/contract';
import { createRemoteStore } from './remote-store-port';

function recordingClient() {
  const calls: EventPayload<'store.call'>[] = [];
  return { calls, sendStoreCall: (call: EventPayload<'store.call'>) => void calls.push(call) };
}

const ref = { accountId: 'a1', folderPath: 'INBOX' };

describe('remote store port', () => {
  it('fails at once when no window holds the cache', async () => {
    await expect(createRemoteStore().port.listUidRanges(ref)).rejects.toThrow(/No Tern window/);
  });

  it('routes a call to the attached window and validates its answer', async () => {
    const store = createRemoteStore();
    const client = recordingClient();
    store.attach(client);
    const result = store.port.listUidRanges(ref);
    expect(client.calls).toEqual([{ callId: 0, method: 'listUidRanges', args: ref }]);
    store.reply(client, { callId: 0, ok: true, value: [[1, 3]] });
    await expect(result).resolves.toEqual([[1, 3]]);

    const invalid = store.port.listUidRanges(ref);
    store.reply(client, { callId: 1, ok: true, value: ['not a uid'] });
    await expect(invalid).rejects.toThrow(/invalid value/);
  });

  it('ignores answers from a window the call was not sent to', async () => {
    const store = createRemoteStore({ timeoutMs: 200 });
    const holder = recordingClient();
    const intruder = recordingClient();
    store.attach(holder);
    const result = store.port.getCursor(ref);
    store.reply(intruder, { callId: 0, ok: true, value: null });
    store.reply(holder, { callId: 0, ok: false, error: 'quota exceeded' });
    await expect(result).rejects.toThrow(/quota exceeded/);
  });

  it('fails pending calls when their window goes away, and times out silent ones', async () => {
    const store = createRemoteStore({ timeoutMs: 50 });
    const client = recordingClient();
    store.attach(client);
    const pending = store.port.listUidRanges(ref);
    store.detach(client);
    await expect(pending).rejects.toThrow(/closed/);

    const other = recordingClient();
    store.attach(other);
    await expect(store.port.listUidRanges(ref)).rejects.toThrow(/did not answer/);
  });
});
