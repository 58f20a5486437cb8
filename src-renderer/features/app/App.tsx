/**
 * The window: a top bar, then three panes (folders, message list, reader). App holds the
 * only UI state the panes share, which folder is shown and which message is open; all
 * mail data comes from the cache through live queries.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Account } from '../../../src-shared/model';
import { listAccounts } from '../../cache/queries';
import { EmptyState } from '../../components/EmptyState';
import { AddAccountButton } from '../accounts/AddAccountButton';
import { FolderPane } from '../folders/FolderPane';
import { MessageList } from '../message-list/MessageList';
import { Reader } from '../reader/Reader';
import { refKey, type FolderRef, type MessageRef } from '../shared/refs';
import { useCache } from './cache-context';
import { FolderTitle } from './FolderTitle';

const byName = (a: Account, b: Account): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function App() {
  const { db } = useCache();
  const stored = useLiveQuery(() => listAccounts(db), [db]);
  const accounts = useMemo(() => stored && [...stored].sort(byName), [stored]);
  const [chosenFolder, setChosenFolder] = useState<FolderRef | null>(null);
  const [openMessage, setOpenMessage] = useState<MessageRef | null>(null);

  // Until the user picks a folder, show the first account's Inbox rather than a blank pane.
  const first = accounts?.[0];
  const folder = chosenFolder ?? (first ? { accountId: first.id, folderPath: 'INBOX' } : null);

  function showFolder(next: FolderRef): void {
    setChosenFolder(next);
    setOpenMessage(null);
  }

  return (
    <div className="app">
      <header className="top-bar">
        <h1 className="app-name">Tern</h1>
        <AddAccountButton onAdded={(account) => showFolder({ accountId: account.id, folderPath: 'INBOX' })} />
      </header>
      <div className="panes">
        <FolderPane accounts={accounts} selected={folder} onSelect={showFolder} />
        <main className="mail">
          <section className="list-pane">
            {folder ? (
              <>
                <FolderTitle folder={folder} />
                <MessageList key={refKey(folder)} folder={folder} openUid={openMessage?.uid ?? null} onOpen={setOpenMessage} />
              </>
            ) : (
              accounts && <EmptyState>Add an account to see its mail here.</EmptyState>
            )}
          </section>
          <section className="reader-pane">
            {openMessage ? <Reader key={refKey(openMessage)} message={openMessage} /> : <EmptyState>Select a message to read it</EmptyState>}
          </section>
        </main>
      </div>
    </div>
  );
}
