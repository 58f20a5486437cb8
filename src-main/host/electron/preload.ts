/**
 * The preload exposes exactly the contract as `window.tern` and nothing else: no
 * ipcRenderer, no Node. Names outside the contract's lists are refused here too, although
 * the main process would refuse them anyway.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandChannel, commandNames, eventChannel, eventNames, type CommandName, type EventName } from '../../../src-shared/channels';

type Outcome = { ok: true; value: unknown } | { ok: false; error: { message: string; code?: string } };

const isCommand = (name: unknown): name is CommandName => (commandNames as readonly unknown[]).includes(name);
const isEvent = (name: unknown): name is EventName => (eventNames as readonly unknown[]).includes(name);

contextBridge.exposeInMainWorld('tern', {
  async invoke(command: unknown, args: unknown): Promise<unknown> {
    if (!isCommand(command)) throw new Error(`Unknown command ${String(command)}`);
    // Main answers with an outcome envelope so the user sees the handler's own message,
    // not Electron's "Error invoking remote method" wrapper.
    const outcome = (await ipcRenderer.invoke(commandChannel(command), args)) as Outcome;
    if (outcome.ok) return outcome.value;
    throw Object.assign(new Error(outcome.error.message), { code: outcome.error.code });
  },
  on(event: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEvent(event) || typeof listener !== 'function') throw new Error(`Unknown event ${String(event)}`);
    const channel = eventChannel(event);
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
});
