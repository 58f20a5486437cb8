/**
 * Where a link the page (or a message's frame) tries to open goes: the web to the system
 * browser, mailto: to Tern's composer (issue #4: mailto: links open the composer), an
 * attachment the page opened (a blob: URL of the app's own file:// origin; only pictures,
 * PDF and plain text are ever opened so, reader/attachments/open-file.ts) to a locked-down
 * viewer window, anything else (file:, javascript:, custom schemes, others' blobs) nowhere.
 */
export function linkTarget(url: string): 'browser' | 'composer' | 'viewer' | 'nowhere' {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return 'nowhere';
  }
  if (protocol === 'http:' || protocol === 'https:') return 'browser';
  if (protocol === 'blob:') return url.startsWith('blob:file:///') ? 'viewer' : 'nowhere';
  return protocol === 'mailto:' ? 'composer' : 'nowhere';
}
