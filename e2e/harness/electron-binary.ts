/**
 * Finds the Electron binary that `npm ci` may or may not have downloaded. The electron
 * package's main export is the binary's path, and it throws when the download never
 * happened (as on machines that cannot reach Electron's release host).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function findElectronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
