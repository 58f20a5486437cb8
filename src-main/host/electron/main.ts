/**
 * The Electron host: app lifecycle, the profile, one main window, and the IPC binding of
 * the contract to the shared host core. The only part of Tern that imports electron.
 */
import { app, ipcMain, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { mkdirSync } from 'node:fs';
import { commandChannel, commandNames, eventChannel } from '../../../src-shared/channels';
import { discoveryOverridesFromEnv } from '../../engine/autoconfig/discovery-settings';
import { createHostCore, type Client } from '../host-core';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { profileFromArgs } from './profile';
import { createMainWindow } from './window';

const profile = profileFromArgs(process.argv, process.env);
if (profile) {
  mkdirSync(profile, { recursive: true, mode: 0o700 });
  app.setPath('userData', profile);
}

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const core = createHostCore({
    host: 'electron',
    version: app.getVersion(),
    secrets: createSafeStorageSecretStore(app.getPath('userData')),
    profileDir: app.getPath('userData'),
    // TERN_DISCOVERY (JSON) redirects account discovery, as in the web host: split DNS, tests.
    discovery: discoveryOverridesFromEnv(process.env),
  });
  const clients = new Map<WebContents, Client>();

  function clientOf(contents: WebContents): Client {
    let client = clients.get(contents);
    if (!client) {
      const created: Client = { send: (event, payload) => contents.isDestroyed() || contents.send(eventChannel(event), payload) };
      client = created;
      clients.set(contents, created);
      core.connect(created);
      contents.once('destroyed', () => {
        clients.delete(contents);
        core.disconnect(created);
      });
    }
    return client;
  }

  for (const command of commandNames) {
    ipcMain.handle(commandChannel(command), (event: IpcMainInvokeEvent, args: unknown) => {
      // Only our own app page may call in; a frame from elsewhere is refused.
      if (!event.senderFrame?.url.startsWith('file://')) return { ok: false, error: { message: 'Refused: not the Tern window.' } };
      return core.dispatch(clientOf(event.sender), command, args);
    });
  }

  // No permission (camera, geolocation, notifications …) is granted without a feature asking for it.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (e) => e.preventDefault()));

  const appDir = app.getAppPath();
  let window = createMainWindow(appDir);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (window.isDestroyed()) window = createMainWindow(appDir);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void core.close());
});
