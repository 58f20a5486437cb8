/**
 * The main window, locked down: context isolation, the sandbox, no Node in the page, no
 * navigation away from the app and no new windows (links open in the system browser only
 * when they are plain http(s) or mailto links). The page's CSP comes from index.html.
 */
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

const externalSchemes = new Set(['http:', 'https:', 'mailto:']);

function openExternally(url: string): void {
  try {
    if (externalSchemes.has(new URL(url).protocol)) void shell.openExternal(url);
  } catch {
    // Not a URL: nothing to open.
  }
}

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
    openExternally(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(appDir, 'out/renderer/index.html'));
  return window;
}
