/**
 * The reader pane while several messages are picked in the list: how many, and the actions
 * for all of them at once (Archive, Delete, Mark as read/unread, Flag, Move to…, Copy to…),
 * by toolbar and by the same single keys as for one message (perform-bulk.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { MessageHeader } from '../../../src-shared/model';
import { useAccountStatusReader } from '../accounts/account-status-context';
import { useCache } from '../app/cache-context';
import type { QueueResult } from '../shared/queue-operation';
import type { MessageRef } from '../shared/refs';
import { anyUnflagged, anyUnread, type MessageAction, type PlannedAction } from './message-operations';
import { performBulk } from './perform-bulk';
import { moveDestinations } from './move-destinations';
import { ActionBar } from './ActionBar';
import { useActionKeys } from './use-action-keys';

interface SelectionActionsProps {
  messages: readonly MessageRef[];
  /** Everything asked was queued and the messages left the list (or the pick is let go): what was done. */
  onDone(text: string | null): void;
}

export function SelectionActions({ messages, onDone }: SelectionActionsProps) {
  const cache = useCache();
  const { db } = cache;
  const statusOf = useAccountStatusReader();
  const headers = useLiveQuery(
    async () => (await db.messages.bulkGet(messages.map((m) => [m.accountId, m.folderPath, m.uid]))).filter((h): h is MessageHeader => h !== undefined),
    [db, messages],
  );
  const first = messages[0];
  const destinations = useLiveQuery(() => (first ? moveDestinations(db, first) : []), [db, first]);
  const [notice, setNotice] = useState<QueueResult | null>(null);

  async function run(action: PlannedAction, leaves: boolean): Promise<void> {
    const result = await performBulk(cache, messages, action, statusOf);
    if (result.ok && leaves) onDone(result.text);
    else setNotice(result);
  }

  // All gone another way (dragged onto a folder, moved by another machine): nothing is left to act on.
  useEffect(() => {
    if (headers && headers.length === 0) onDone(null);
  }, [headers, onDone]);

  const act = (action: MessageAction) => run(action, action === 'archive' || action === 'delete');
  useActionKeys(act);

  const count = headers?.length ?? messages.length;
  const unread = headers ? anyUnread(headers) : true;
  const allFlagged = headers ? !anyUnflagged(headers) : false;
  return (
    <div className="selection-actions">
      <ActionBar
        label="Actions for the selected messages"
        disabled={false}
        canArchive
        deleteLabel="Delete"
        unread={unread}
        flagged={allFlagged}
        notice={notice}
        destinations={destinations}
        onAct={(action) => void act(action)}
        onMove={(to, keepOriginal) => void run({ to, keepOriginal }, !keepOriginal)}
      />
      <div className="selection-summary">
        <h2>{count === 1 ? '1 message selected' : `${count} messages selected`}</h2>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Clear selection
        </button>
      </div>
    </div>
  );
}
