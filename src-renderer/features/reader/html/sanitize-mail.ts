/**
 * Mail HTML → HTML safe to put in the reader's frame. DOMPurify removes scripts, event
 * handlers, javascript: URLs and mXSS tricks; the hooks below add what mail needs beyond
 * that: remote images and media are dropped until the reader consents (and noted, so the
 * reader can offer to load them) and so are remote CSS url()s and @imports; inline images
 * (cid:) come from the cache as data: URLs; links open outside the app and say where they
 * go; forms, frames and <link> (stylesheets, preconnect, prefetch) are removed outright.
 */
import DOMPurify from 'dompurify';
import { contentIdOf } from '../attachments/data-url';
import { cssHasRemote, isLocalUrl, isRemoteUrl, linkTarget, srcsetHasRemote, withoutRemoteCss } from './remote-content';

export interface SanitisedMail {
  html: string;
  /** The message asks for remote content (shown only when allowRemote was true). */
  hasRemote: boolean;
}

// Its own instance, so these hooks never touch another user of DOMPurify.
const purify = DOMPurify(window);

// The hooks are synchronous and run inside one sanitize() call, so one pass at a time.
const pass = { allowRemote: false, hasRemote: false, inlineImages: new Map<string, string>() as ReadonlyMap<string, string> };

const sourceAttributes = ['src', 'background', 'poster', 'lowsrc', 'dynsrc'];

purify.addHook('uponSanitizeElement', (node) => {
  if (node.nodeName !== 'STYLE' || !cssHasRemote(node.textContent ?? '')) return;
  pass.hasRemote = true;
  if (!pass.allowRemote) node.textContent = withoutRemoteCss(node.textContent ?? '');
});

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A' || node.nodeName === 'AREA') {
    fixLink(node);
    return;
  }
  for (const name of sourceAttributes) {
    const value = node.getAttribute(name);
    if (value === null) continue;
    // cid: names a part of this message (RFC 2392): shown from the cache as a data: URL.
    const contentId = contentIdOf(value);
    if (contentId !== null) {
      const url = pass.inlineImages.get(contentId);
      if (url) node.setAttribute(name, url);
      else node.removeAttribute(name);
      continue;
    }
    if (isRemoteUrl(value)) pass.hasRemote = true;
    // A relative URL would resolve against the app's own origin: never useful in mail.
    if (!isLocalUrl(value) && !(pass.allowRemote && isRemoteUrl(value))) node.removeAttribute(name);
  }
  const srcset = node.getAttribute('srcset');
  if (srcset !== null && srcsetHasRemote(srcset)) {
    pass.hasRemote = true;
    if (!pass.allowRemote) node.removeAttribute('srcset');
  }
  // SVG <image href> and <use href> fetch too.
  for (const name of ['href', 'xlink:href']) {
    const value = node.getAttribute(name);
    if (value !== null && !isLocalUrl(value)) {
      if (isRemoteUrl(value)) pass.hasRemote = true;
      if (!pass.allowRemote || !isRemoteUrl(value)) node.removeAttribute(name);
    }
  }
  // Remote CSS url()s go too; the frame's CSP is the backstop for what a regex cannot see
  // (CSS escapes).
  const style = node.getAttribute('style');
  if (style !== null && cssHasRemote(style)) {
    pass.hasRemote = true;
    if (!pass.allowRemote) node.setAttribute('style', withoutRemoteCss(style));
  }
});

function fixLink(node: Element): void {
  const target = linkTarget(node.getAttribute('href') ?? '');
  if (target === null) {
    node.removeAttribute('href');
    node.removeAttribute('target');
    return;
  }
  // A new browsing context is the only way out of the sandbox: the Electron host hands it
  // to the system browser, a browser opens a tab. The title shows where the link really goes.
  node.setAttribute('target', '_blank');
  node.setAttribute('rel', 'noopener noreferrer');
  node.setAttribute('title', target);
}

/** `inlineImages`: data: URLs of the message's inline images, by Content-ID. */
export function sanitiseMail(html: string, allowRemote: boolean, inlineImages: ReadonlyMap<string, string> = new Map()): SanitisedMail {
  pass.allowRemote = allowRemote;
  pass.hasRemote = false;
  pass.inlineImages = inlineImages;
  const clean = purify.sanitize(html, {
    // Keeps a leading <style>, which the parser would otherwise move to a head and lose.
    FORCE_BODY: true,
    FORBID_TAGS: ['form', 'input', 'button', 'select', 'textarea', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'portal'],
    FORBID_ATTR: ['ping', 'formaction', 'action'],
    ALLOW_DATA_ATTR: false,
  });
  return { html: clean, hasRemote: pass.hasRemote };
}
