/**
 * The message actions' toolbar, for the open message and for a multiple selection alike:
 * Archive, Delete, Mark as read/unread, Flag, Move to…, Copy to…, with the single keys they
 * answer to (use-action-keys.ts), the status line that says what was done or why not, and
 * the destination dialog of Move to… and Copy to….
 */
import { useState } from 'react';
import type { QueueResult } from '../shared/queue-operation';
import type { AccountFolder, MessageAction } from './message-operations';
import type { DestinationGroup } from './move-destinations';
import { MoveDialog } from './MoveDialog';

interface ActionBarProps {
  label: string;
  /** Every action off (the open message is not in the cache now). */
  disabled: boolean;
  canArchive: boolean;
  /** "Delete", or "Delete for good" where there is no Trash to move to. */
  deleteLabel: string;
  unread: boolean;
  flagged: boolean;
  notice: QueueResult | null;
  destinations: DestinationGroup[] | undefined;
  onAct(action: MessageAction): void;
  onMove(to: AccountFolder, keepOriginal: boolean): void;
}

export function ActionBar({ label, disabled, canArchive, deleteLabel, unread, flagged, notice, destinations, onAct, onMove }: ActionBarProps) {
  const [moving, setMoving] = useState<'move' | 'copy' | null>(null);
  return (
    <>
      <div role="toolbar" aria-label={label} className="message-actions-bar">
        <button type="button" className="button" aria-keyshortcuts="e" disabled={disabled || !canArchive} onClick={() => onAct('archive')}>
          Archive
        </button>
        <button type="button" className="button" aria-keyshortcuts="#" disabled={disabled} onClick={() => onAct('delete')}>
          {deleteLabel}
        </button>
        <button type="button" className="button" aria-keyshortcuts="u" disabled={disabled} onClick={() => onAct('toggle-read')}>
          {unread ? 'Mark as read' : 'Mark as unread'}
        </button>
        <button type="button" className="button" aria-keyshortcuts="s" aria-pressed={flagged} disabled={disabled} onClick={() => onAct('toggle-flag')}>
          Flag
        </button>
        <button type="button" className="button" aria-haspopup="dialog" disabled={disabled} onClick={() => setMoving('move')}>
          Move to…
        </button>
        <button type="button" className="button" aria-haspopup="dialog" disabled={disabled} onClick={() => setMoving('copy')}>
          Copy to…
        </button>
      </div>
      <p role="status" className={notice && !notice.ok ? 'message-actions-notice problem' : 'message-actions-notice'}>
        {notice?.text ?? ''}
      </p>
      {moving && destinations && (
        <MoveDialog
          copy={moving === 'copy'}
          groups={destinations}
          onClose={() => setMoving(null)}
          onMove={(to) => {
            setMoving(null);
            onMove(to, moving === 'copy');
          }}
        />
      )}
    </>
  );
}
