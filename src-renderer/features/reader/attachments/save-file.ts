/**
 * Hands bytes to the browser's download machinery under a sanitised name. As
 * application/octet-stream, so the browser never renders the sender's content in the app's
 * origin; an existing file is not overwritten without asking (Chromium renames, Electron's
 * save dialog asks).
 */
import { safeFilename } from './safe-filename';

export function saveFile(bytes: Uint8Array, suggestedName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFilename(suggestedName);
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it starts; the URL only needs to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
