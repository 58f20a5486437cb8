/**
 * `window.tern` for a browser: the contract carried over the web host's WebSocket. It
 * reconnects with a growing delay when the host goes away, and fails pending calls with a
 * clear error instead of leaving them hanging.
 */
import type { CommandName, EventName, EventPayload, TernApi } from '../../src-shared/contract';
import { serverFrameSchema, socketPath, type ClientFrame } from '../../src-shared/wire';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

export interface WebSocketTern {
  api: TernApi;
  /** Runs after every reconnection: the host (and its engine) may have restarted, so the
   *  window has to attach its cache and open its accounts again. */
  onReconnect(listener: () => void): void;
}

export function createWebSocketTern(url: string = defaultSocketUrl()): WebSocketTern {
  const reconnectListeners: Array<() => void> = [];
  let opened = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retryDelay = 500;
  /** The page is being left: a reconnect now would let a dying page claim the engine's cache. */
  let leaving = false;

  function connect(): void {
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryDelay = 500;
      for (const frame of queue.splice(0)) socket.send(frame);
      if (opened) for (const listener of reconnectListeners) listener();
      opened = true;
    };
    socket.onmessage = (message) => handleFrame(String(message.data));
    socket.onclose = () => {
      for (const call of pending.values()) call.reject(new Error('Lost the connection to Tern’s engine.'));
      pending.clear();
      queue.length = 0;
      if (leaving) return;
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10_000);
    };
  }

  function handleFrame(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const frame = serverFrameSchema.safeParse(raw);
    if (!frame.success) return;
    const data = frame.data;
    if (data.type === 'event') {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      return;
    }
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(Object.assign(new Error(data.error.message), { code: data.error.code }));
  }

  connect();
  addEventListener('pagehide', () => {
    leaving = true;
    socket.close();
  });
  addEventListener('pageshow', (event) => {
    // Back from the back/forward cache: the page lives again and needs its engine.
    if (!event.persisted || !leaving) return;
    leaving = false;
    connect();
  });

  const api = {
    invoke(command: CommandName, args: unknown) {
      const id = nextId++;
      const frame: ClientFrame = { type: 'invoke', id, command, args };
      const text = JSON.stringify(frame);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  } as TernApi;
  return { api, onReconnect: (listener) => reconnectListeners.push(listener) };
}

function defaultSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${socketPath}`;
}
