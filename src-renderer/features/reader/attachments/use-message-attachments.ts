/**
 * A cached message's attachments for the reader, live from the cache: the parts to list,
 * and the inline (cid:) images as data: URLs for the HTML body. Empty until the body is
 * cached, since the parts arrive with it; undefined while being read, so that the body's
 * frame is drawn once, with its images, instead of reloading when they arrive.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { MessageAttachment } from '../../../../src-shared/model';
import { attachmentBytes, listAttachments, type MessageKey } from '../../../cache/attachment-queries';
import type { TernDexie } from '../../../cache/db';
import { imageDataUrl } from './data-url';

export interface MessageAttachments {
  parts: MessageAttachment[];
  inlineImages: ReadonlyMap<string, string>;
}

const none: MessageAttachments = { parts: [], inlineImages: new Map() };

export function useMessageAttachments(db: TernDexie, key: MessageKey, bodyCached: boolean): MessageAttachments | undefined {
  const [accountId, folderPath, uid] = key;
  const result = useLiveQuery(
    async () => {
      if (!bodyCached) return { bodyCached, ...none };
      const parts = await listAttachments(db, [accountId, folderPath, uid]);
      const inlineImages = new Map<string, string>();
      for (const part of parts) {
        if (!part.contentId) continue;
        const bytes = await attachmentBytes(db, [accountId, folderPath, uid], part.partId);
        const url = bytes && imageDataUrl(bytes, part.contentType);
        if (url) inlineImages.set(part.contentId, url);
      }
      return { bodyCached, parts, inlineImages };
    },
    [db, accountId, folderPath, uid, bodyCached],
  );
  // useLiveQuery keeps the last result while it reads for new arguments: the parts read
  // before the body arrived are not the body's parts.
  return result?.bodyCached === bodyCached ? result : undefined;
}
