import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebSocketTern } from './ws-client';

/** A WebSocket stand-in: the test opens and closes it as the host would. */
class FakeSocket {
  static made: FakeSocket[] = [];
  static readonly OPEN = 1;
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(): void {}
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.();
  }
}

let page: EventTarget;
const pageEvent = (type: string, persisted = false) => page.dispatchEvent(Object.assign(new Event(type), { persisted }));

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
  page = new EventTarget();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the web host connection', () => {
  it('reconnects when the host goes away, and tells the window to attach again', async () => {
    const tern = createWebSocketTern('ws://127.0.0.1:1/socket');
    const reconnected = vi.fn();
    tern.onReconnect(reconnected);
    FakeSocket.made[0]!.open();
    FakeSocket.made[0]!.close();
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.made).toHaveLength(2);
    FakeSocket.made[1]!.open();
    expect(reconnected).toHaveBeenCalledOnce();
  });

  it('does not reconnect from a page being left, and does again when it comes back from the back/forward cache', async () => {
    const tern = createWebSocketTern('ws://127.0.0.1:1/socket');
    const reconnected = vi.fn();
    tern.onReconnect(reconnected);
    FakeSocket.made[0]!.open();
    pageEvent('pagehide');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(FakeSocket.made).toHaveLength(1);

    pageEvent('pageshow', true);
    expect(FakeSocket.made).toHaveLength(2);
    FakeSocket.made[1]!.open();
    expect(reconnected).toHaveBeenCalledOnce();
  });
});
