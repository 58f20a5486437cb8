/** The composer's attachments: name, size, and a button to remove each. */
import type { DraftAttachment } from './draft';
import { formatSize } from '../shared/format-size';

export function AttachmentList({ attachments, onRemove }: { attachments: readonly DraftAttachment[]; onRemove(id: string): void }) {
  if (attachments.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="composer-attachments">
      {attachments.map((a) => (
        <li key={a.id}>
          <span className="attachment-name">{a.filename}</span> <span className="muted">{formatSize(a.size)}</span>
          <button type="button" className="button small" aria-label={`Remove ${a.filename}`} onClick={() => onRemove(a.id)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
