/**
 * Inline images (cid:, RFC 2392) as data: URLs, the one kind of image the message frame's
 * CSP and sandbox let through. Only image types: a part that calls itself text/html must
 * not become a document the frame could load.
 */
import { toBase64 } from '../../../../src-shared/base64';

const imageType = /^image\/[a-z0-9.+-]{1,100}$/i;

export function imageDataUrl(bytes: Uint8Array, contentType: string): string | null {
  if (!imageType.test(contentType)) return null;
  return `data:${contentType.toLowerCase()};base64,${toBase64(bytes)}`;
}

/** The Content-ID a cid: URL names: URL-decoded, without angle brackets (RFC 2392 §2). */
export function contentIdOf(url: string): string | null {
  const match = /^\s*cid:(.+)$/i.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!.trim()).replace(/^<|>$/g, '');
  } catch {
    return null;
  }
}
