/**
 * A message's attachments: name, type and size, each with Save (under a sanitised name)
 * and Open: an attached message (message/rfc822) as a message, a picture, PDF or plain text
 * in a window of its own (open-file.ts). Works the same for a cached message and for a
 * message opened from an attachment: the bytes come from `bytesOf`.
 */
import { useState } from 'react';
import { errorMessage } from '../../shared/error-message';
import { formatSize } from '../../shared/format-size';
import { openFile, viewableType } from './open-file';
import { safeFilename } from './safe-filename';
import { saveFile } from './save-file';

export interface AttachmentItem {
  partId: string;
  filename: string;
  contentType: string;
  size: number;
}

interface AttachmentListProps {
  items: readonly AttachmentItem[];
  bytesOf(item: AttachmentItem): Promise<Uint8Array | null>;
  onOpenMessage(item: AttachmentItem, bytes: Uint8Array): void;
}

export const isAttachedMessage = (item: AttachmentItem): boolean => item.contentType.toLowerCase() === 'message/rfc822';

/**
 * The name shown is the one the file is saved under: shown raw, a direction override could
 * make "invoice‮txt.exe" read as "invoiceexe.txt".
 */
export const displayName = (item: AttachmentItem): string =>
  item.filename.trim() ? safeFilename(item.filename) : isAttachedMessage(item) ? 'Attached message' : 'Unnamed attachment';

export function AttachmentList({ items, bytesOf, onOpenMessage }: AttachmentListProps) {
  const [failure, setFailure] = useState<string | null>(null);
  if (items.length === 0) return null;

  async function withBytes(item: AttachmentItem, use: (bytes: Uint8Array) => void): Promise<void> {
    setFailure(null);
    try {
      const bytes = await bytesOf(item);
      if (bytes === null) setFailure(`${displayName(item)} is no longer in the offline cache; open the message again to download it.`);
      else use(bytes);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <section aria-label="Attachments" className="reader-attachments">
      <ul className="attachment-items">
        {items.map((item) => {
          const name = displayName(item);
          return (
            <li key={item.partId} className="attachment-item">
              <span className="attachment-name">{name}</span>
              <span className="muted attachment-detail">
                {item.contentType} · {formatSize(item.size)}
              </span>
              {isAttachedMessage(item) && (
                <button type="button" className="button" aria-label={`Open ${name}`} onClick={() => void withBytes(item, (bytes) => onOpenMessage(item, bytes))}>
                  Open
                </button>
              )}
              {viewableType(item.contentType) && (
                <button type="button" className="button" aria-label={`Open ${name}`} onClick={() => void withBytes(item, (bytes) => openFile(bytes, viewableType(item.contentType)!))}>
                  Open
                </button>
              )}
              <button type="button" className="button" aria-label={`Save ${name}`} onClick={() => void withBytes(item, (bytes) => saveFile(bytes, name))}>
                Save
              </button>
            </li>
          );
        })}
      </ul>
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
