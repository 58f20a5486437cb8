/**
 * The document a sanitised message is shown in (an iframe's srcdoc). Its CSP is the second
 * wall behind DOMPurify: no scripts at all, images and fonts only from data:, blob: and
 * cid: until the reader allows remote content, no forms, no base URL. The sandbox attribute
 * on the iframe (no allow-scripts, no allow-same-origin) is the third.
 *
 * Chromium applies the embedding page's CSP to a srcdoc frame as well, so the app's own
 * policy must permit whatever this one permits (see index.html).
 */
export function frameCsp(allowRemote: boolean): string {
  const remote = allowRemote ? ' https: http:' : '';
  return [
    "default-src 'none'",
    `img-src data: blob: cid:${remote}`,
    `font-src data:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

// Mail is written for a white page whatever the app's theme, as other mail clients show it.
const frameStyle =
  'html{color-scheme:light;background:#fff}' +
  'body{margin:0;padding:1rem 1.75rem;color:#1c2024;font:15px/1.5 system-ui,sans-serif;overflow-wrap:anywhere}' +
  'img{max-width:100%;height:auto}' +
  'table{max-width:100%}';

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function frameDocument(sanitisedHtml: string, allowRemote: boolean): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(frameCsp(allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<meta http-equiv="x-dns-prefetch-control" content="off">' +
    `<style>${frameStyle}</style></head><body>${sanitisedHtml}</body></html>`
  );
}
