/**
 * The list's own controls under the folder title: the order, which messages to show, and
 * conversation view. Native selects, so they are labelled, keyboard-operable and read out
 * without extra work.
 */
import type { ListFilter, ListSort } from '../../cache/queries';

interface ListControlsProps {
  sort: ListSort;
  filter: ListFilter;
  conversations: boolean;
  /** The unified inbox is listed by date only. */
  sortable: boolean;
  onSort(sort: ListSort): void;
  onFilter(filter: ListFilter): void;
  onConversations(on: boolean): void;
}

const sorts: Record<ListSort, string> = { date: 'Date', sender: 'Sender', subject: 'Subject' };
const filters: Record<ListFilter, string> = { all: 'All messages', unread: 'Unread', flagged: 'Flagged', attachments: 'With attachments' };

export const isListSort = (value: unknown): value is ListSort => typeof value === 'string' && value in sorts;

export function ListControls({ sort, filter, conversations, sortable, onSort, onFilter, onConversations }: ListControlsProps) {
  return (
    <div className="list-controls">
      <label className="list-control">
        Sort by
        <select value={sortable ? sort : 'date'} disabled={!sortable || conversations} onChange={(event) => onSort(event.target.value as ListSort)}>
          {Object.entries(sorts).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="list-control">
        Show
        <select value={filter} onChange={(event) => onFilter(event.target.value as ListFilter)}>
          {Object.entries(filters).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button small" aria-pressed={conversations} onClick={() => onConversations(!conversations)}>
        Conversations
      </button>
    </div>
  );
}
