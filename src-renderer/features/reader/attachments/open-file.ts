/**
 * "Open" for the attachment types a browser shows without running anything: pictures, PDF
 * and plain text, in a window of their own. Never HTML or SVG: a blob: document has the
 * app's origin, and those could run script in it; everything else is saved instead.
 */
const viewable = new Map([
  ['image/png', 'image/png'],
  ['image/jpeg', 'image/jpeg'],
  ['image/jpg', 'image/jpeg'],
  ['image/gif', 'image/gif'],
  ['image/webp', 'image/webp'],
  ['image/bmp', 'image/bmp'],
  ['image/avif', 'image/avif'],
  ['application/pdf', 'application/pdf'],
  ['text/plain', 'text/plain'],
]);

/** The type to open an attachment as, or null when it is only saved. */
export function viewableType(contentType: string): string | null {
  return viewable.get(contentType.split(';')[0]!.trim().toLowerCase()) ?? null;
}

export function openFile(bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  window.open(url, '_blank', 'noopener');
  // The new window has loaded it by then; the URL need not outlive that.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
