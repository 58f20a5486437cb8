/**
 * "All inboxes" at the top of the folder pane: every account's Inbox in one list, newest
 * first. A one-item tree, so it reads and behaves like the account trees below it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { countUnifiedUnread } from '../../cache/queries';
import { useCache } from '../app/cache-context';

interface UnifiedInboxItemProps {
  selected: boolean;
  onSelect(): void;
}

export function UnifiedInboxItem({ selected, onSelect }: UnifiedInboxItemProps) {
  const { db } = useCache();
  const unread = useLiveQuery(() => countUnifiedUnread(db), [db]) ?? 0;
  return (
    <ul role="tree" aria-label="All accounts" className="folder-tree unified-inbox">
      <li
        role="treeitem"
        aria-level={1}
        aria-selected={selected}
        aria-label={unread > 0 ? `All inboxes, ${unread} unread` : 'All inboxes'}
        tabIndex={0}
        className={selected ? 'tree-item is-selected' : 'tree-item'}
        onClick={onSelect}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          onSelect();
        }}
      >
        <span className="tree-toggle" aria-hidden="true" />
        <span className="tree-name">All inboxes</span>
        {unread > 0 && (
          <span className="unread-count" aria-hidden="true">
            {unread}
          </span>
        )}
      </li>
    </ul>
  );
}
