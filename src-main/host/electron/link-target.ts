/**
 * Where a link the page (or a message's frame) tries to open goes: the web to the system
 * browser, mailto: to Tern's composer (issue #4: mailto: links open the composer), anything
 * else (file:, javascript:, custom schemes) nowhere.
 */
export function linkTarget(url: string): 'browser' | 'composer' | 'nowhere' {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return 'nowhere';
  }
  if (protocol === 'http:' || protocol === 'https:') return 'browser';
  return protocol === 'mailto:' ? 'composer' : 'nowhere';
}
