/**
 * Inline images live in the draft as cid: references (RFC 2392) and in the editor as
 * object URLs of their Blobs; these swap one for the other when a draft is opened or saved.
 */
import type { DraftAttachment } from './draft';

export type ObjectUrls = Map<string, string>;

/** cid: → object URL, creating the URLs the editor needs. */
export function htmlForEditor(html: string, attachments: readonly DraftAttachment[], urls: ObjectUrls): string {
  let result = html;
  for (const a of attachments) {
    if (!a.contentId) continue;
    let url = urls.get(a.contentId);
    if (!url) {
      url = URL.createObjectURL(a.data);
      urls.set(a.contentId, url);
    }
    result = result.split(`cid:${a.contentId}`).join(url);
  }
  return result;
}

/** Object URL → cid:, for saving and sending. */
export function htmlForMessage(html: string, urls: ObjectUrls): string {
  let result = html;
  for (const [contentId, url] of urls) result = result.split(url).join(`cid:${contentId}`);
  return result;
}

export function revokeAll(urls: ObjectUrls): void {
  for (const url of urls.values()) URL.revokeObjectURL(url);
  urls.clear();
}
