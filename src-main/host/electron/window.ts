/**
 * The main window, locked down: context isolation, the sandbox, no Node in the page, no
 * navigation away from the app and no new windows: http(s) links open in the system
 * browser, mailto: links in Tern's own composer (link-target.ts). The page's CSP comes from
 * index.html.
 */
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { eventChannel } from '../../../src-shared/channels';
import { linkTarget } from './link-target';

export function createMainWindow(appDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Tern',
    show: false,
    webPreferences: {
      preload: join(appDir, 'out/preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const target = linkTarget(url);
    if (target === 'browser') void shell.openExternal(url);
    else if (target === 'composer') window.webContents.send(eventChannel('app.mailto'), { url });
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(appDir, 'out/renderer/index.html'));
  return window;
}
