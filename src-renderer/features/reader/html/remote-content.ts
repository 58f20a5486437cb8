/**
 * Which URLs in a message reach the network. Mail HTML is untrusted: a remote image, font
 * or stylesheet tells the sender that (and when, and from where) the message was read, so
 * anything remote waits for the reader's consent. These pure checks decide what the
 * sanitiser strips and whether the reader offers "Load remote content"; the frame's CSP
 * enforces the same rule whatever slips past them.
 */

/** Schemes that resolve inside the message itself and never touch the network. */
const localUrl = /^\s*(data|blob|cid):/i;
const remoteUrl = /^\s*(https?:)?\/\//i;

export function isRemoteUrl(value: string): boolean {
  return remoteUrl.test(value);
}

/** True when the URL can be shown without the network (data:, blob:, cid:). */
export function isLocalUrl(value: string): boolean {
  return localUrl.test(value);
}

/** srcset is a comma-separated list of "url descriptor" candidates. */
export function srcsetHasRemote(value: string): boolean {
  return value.split(',').some((candidate) => isRemoteUrl(candidate.trim().split(/\s+/, 1)[0] ?? ''));
}

// url(...) with or without quotes, and @import "..." (which needs no url()). CSS escapes
// (\75 rl) would hide a url from these, which is why the frame's CSP is the real guard.
const cssUrl = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;
const cssImport = /@import\s+(['"])([^'"]*)\1/gi;
// A bare string is a URL too in image-set("https://…" 1x) and similar.
const cssString = /(['"])(\s*(?:https?:)?\/\/[^'"]*)\1/gi;

export function cssHasRemote(css: string): boolean {
  for (const pattern of [cssUrl, cssImport, cssString]) {
    for (const match of css.matchAll(pattern)) if (isRemoteUrl(match[2] ?? '')) return true;
  }
  return false;
}

/** The link targets a message may open: the web and mail addresses, nothing else. */
export function linkTarget(href: string): string | null {
  const trimmed = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null;
}

/**
 * The CSS with every remote url() replaced by `none` and every remote @import removed, so
 * the browser does not even try them before consent (the frame's CSP would refuse them,
 * but an attempt still costs a DNS lookup in some browsers).
 */
export function withoutRemoteCss(css: string): string {
  return css
    .replace(/@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]*)\1\s*\)?[^;]*;?/gi, (whole: string, _quote: string, url: string) => (isRemoteUrl(url) ? '' : whole))
    .replace(cssUrl, (whole: string, _quote: string, url: string) => (isRemoteUrl(url) ? 'none' : whole))
    .replace(cssString, '""');
}
