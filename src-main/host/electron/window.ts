/**
 * The main window, locked down: context isolation, the sandbox, no Node in the page, no
 * navigation away from the app and no new windows but an opened attachment's viewer:
 * http(s) links open in the system browser, mailto: links in Tern's own composer
 * (link-target.ts). The page's CSP comes from index.html.
 */
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { eventChannel } from '../../../src-shared/channels';
import { linkTarget } from './link-target';

/** An opened attachment's window: no script, no Node, no preload (it is a picture, a PDF or text). */
const viewerWindow = {
  autoHideMenuBar: true,
  webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webviewTag: false },
};

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
    if (target === 'viewer') return { action: 'allow', overrideBrowserWindowOptions: viewerWindow };
    if (target === 'browser') void shell.openExternal(url);
    else if (target === 'composer') window.webContents.send(eventChannel('app.mailto'), { url });
    return { action: 'deny' };
  });
  // An attachment's viewer goes nowhere else and opens nothing.
  window.webContents.on('did-create-window', (viewer) => {
    viewer.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    viewer.webContents.on('will-navigate', (event) => event.preventDefault());
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(appDir, 'out/renderer/index.html'));
  return window;
}
