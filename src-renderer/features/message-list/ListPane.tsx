/**
 * The middle pane: the search field, the folder's title with the list's controls (order,
 * filter, conversation view), and then the search results while a query is typed, else the
 * folder as a flat list or as conversations. Order and conversation view are display
 * preferences and persist; the filter and the query belong to this visit of the folder.
 */
import { useState } from 'react';
import type { ListFilter } from '../../cache/queries';
import { FolderTitle } from '../app/FolderTitle';
import { isBoolean, usePreference } from '../app/use-preference';
import { SearchBox } from '../search/SearchBox';
import { SearchResults } from '../search/SearchResults';
import { refKey, type FolderRef, type MessageRef } from '../shared/refs';
import { ConversationList } from './ConversationList';
import { isListSort, ListControls } from './ListControls';
import { isUnifiedInbox, listSourceOf } from './list-source';
import { MessageList } from './MessageList';

interface ListPaneProps {
  folder: FolderRef;
  compact: boolean;
  open: MessageRef | null;
  onOpen(message: MessageRef): void;
  /** The messages picked for one action (use-picking.ts), in the folder's list or the search results; conversations pick one at a time. */
  picked: readonly MessageRef[];
  onPick(messages: MessageRef[]): void;
}

export function ListPane({ folder, compact, open, onOpen, picked, onPick }: ListPaneProps) {
  const [sort, setSort] = usePreference('listSort', 'date', isListSort);
  const [conversations, setConversations] = usePreference('conversationView', false, isBoolean);
  const [filter, setFilter] = useState<ListFilter>('all');
  const [query, setQuery] = useState('');
  const unified = isUnifiedInbox(folder);
  const list = { source: listSourceOf(folder), filter, sort: unified ? ('date' as const) : sort };
  // Another list (order, filter, view, search) lets go of the messages picked in this one.
  const changing =
    <T,>(set: (value: T) => void) =>
    (value: T): void => {
      if (picked.length > 0) onPick([]);
      set(value);
    };
  const controls = (
    <ListControls sort={sort} filter={filter} conversations={conversations} sortable={!unified} onSort={changing(setSort)} onFilter={changing(setFilter)} onConversations={changing(setConversations)} />
  );
  // Keyed by everything that makes it another list, so a new list starts at its top.
  const listKey = refKey(folder) + JSON.stringify(list);
  return (
    <>
      <SearchBox value={query} onChange={changing(setQuery)} />
      {query.trim() ? (
        <SearchResults input={query} compact={compact} open={open} onOpen={onOpen} picked={picked} onPick={onPick} />
      ) : (
        <>
          {unified ? (
            <div className="pane-title">
              <span className="pane-title-folder">All inboxes</span>
            </div>
          ) : (
            <FolderTitle folder={folder} />
          )}
          {controls}
          {conversations ? (
            <ConversationList key={listKey} list={list} compact={compact} open={open} onOpen={onOpen} />
          ) : (
            <MessageList key={listKey} list={list} compact={compact} open={open} onOpen={onOpen} picked={picked} onPick={onPick} />
          )}
        </>
      )}
    </>
  );
}
