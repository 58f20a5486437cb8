/**
 * The only code that finds the engine: Electron's preload puts the contract on
 * `window.tern`; in a browser served by the web host, the same contract comes over a
 * WebSocket. Features import from here and never care which host runs them.
 */
import type { TernApi } from '../../src-shared/contract';
import { createWebSocketTern } from './ws-client';

declare global {
  interface Window {
    tern?: TernApi;
  }
}

const socket = window.tern ? null : createWebSocketTern();

export const tern: TernApi = window.tern ?? socket!.api;

/** Called when the engine may have lost this window's state (the web host restarted). */
export function onEngineReconnect(listener: () => void): void {
  socket?.onReconnect(listener);
}
