/**
 * The window: a top bar, then three resizable panes (folders, message list, reader). App
 * holds the only UI state the panes share, which folder is shown, which message is open and
 * which messages are picked for one action, plus the window's shortcuts and look; all mail
 * data comes from the cache through live queries.
 */
import { Fragment, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Account } from '../../../src-shared/model';
import { listAccounts } from '../../cache/queries';
import { EmptyState } from '../../components/EmptyState';
import { AddAccountButton } from '../accounts/AddAccountButton';
import { NewMessageButton } from '../composer/NewMessageButton';
import { OutboxButton } from '../composer/OutboxPanel';
import { FolderPane } from '../folders/FolderPane';
import { MessageActions } from '../message-actions/MessageActions';
import { SelectionActions } from '../message-actions/SelectionActions';
import { ListPane } from '../message-list/ListPane';
import { isUnifiedInbox } from '../message-list/list-source';
import { NotificationToggle } from '../notifications/NotificationToggle';
import { Reader } from '../reader/Reader';
import { SettingsButton } from '../settings/SettingsButton';
import { SyncIssuesButton } from '../sync-issues/SyncIssues';
import { refKey, type FolderRef, type MessageRef } from '../shared/refs';
import { useCache } from './cache-context';
import { CacheLossNotice } from './CacheLossNotice';
import type { CacheLossReports } from './cache-loss-reports';
import { folderPaneLimits, listPaneLimits } from './pane-size';
import { PaneSeparator } from './PaneSeparator';
import { ShortcutHelp } from './ShortcutHelp';
import { isBoolean, isNumber, usePreference } from './use-preference';
import { useShortcuts } from './use-shortcuts';

const byName = (a: Account, b: Account): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function App({ cacheLoss }: { cacheLoss: CacheLossReports }) {
  const { db } = useCache();
  const stored = useLiveQuery(() => listAccounts(db), [db]);
  const accounts = useMemo(() => stored && [...stored].sort(byName), [stored]);
  const [chosenFolder, setChosenFolder] = useState<FolderRef | null>(null);
  const [openMessage, setOpenMessage] = useState<MessageRef | null>(null);
  // Several messages picked in the list for one action; the reader pane then shows that action bar.
  const [picked, setPicked] = useState<MessageRef[]>([]);
  // What the last action on picked messages did, said once they have left the list.
  const [pickedDone, setPickedDone] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [compact, setCompact] = usePreference('compactList', false, isBoolean);
  const [folderWidth, setFolderWidth] = usePreference('folderPaneWidth', 248, isNumber);
  const [listWidth, setListWidth] = usePreference('listPaneWidth', 400, isNumber);

  // Until the user picks a folder, show the first account's Inbox rather than a blank pane.
  const first = accounts?.[0];
  const folder = chosenFolder ?? (first ? { accountId: first.id, folderPath: 'INBOX' } : null);

  // New mail goes from the account in view: the open message's, the folder's, or in "All
  // inboxes" (no one account) the first; the composer's From can change it.
  const composeAccount = openMessage?.accountId ?? (folder && !isUnifiedInbox(folder) ? folder.accountId : (first?.id ?? null));

  function showFolder(next: FolderRef): void {
    setChosenFolder(next);
    openOne(null);
  }

  function openOne(message: MessageRef | null): void {
    setPicked([]);
    setPickedDone(null);
    setOpenMessage(message);
  }

  useShortcuts((action) => {
    if (action === 'help') setHelpOpen(true);
    if (action === 'close-message') openOne(null);
    if (action === 'go-inbox' && folder) showFolder({ accountId: folder.accountId, folderPath: 'INBOX' });
  });

  return (
    <div className="app">
      <header className="top-bar">
        <h1 className="app-name">Tern</h1>
        <div className="top-actions">
          <NewMessageButton accountId={composeAccount} />
          <OutboxButton />
          <SyncIssuesButton />
          <NotificationToggle />
          <SettingsButton />
          <button type="button" className="button" aria-pressed={compact} onClick={() => setCompact(!compact)}>
            Compact list
          </button>
          <button type="button" className="button" aria-haspopup="dialog" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
            Keyboard shortcuts
          </button>
          <AddAccountButton onAdded={(account) => showFolder({ accountId: account.id, folderPath: 'INBOX' })} />
        </div>
      </header>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
      <div className="app-notices">
        <CacheLossNotice reports={cacheLoss} />
      </div>
      <div className="panes" style={{ gridTemplateColumns: `${folderWidth}px auto minmax(0, 1fr)` }}>
        <FolderPane accounts={accounts} selected={folder} onSelect={showFolder} />
        <PaneSeparator label="Resize folder pane" width={folderWidth} limits={folderPaneLimits} onResize={setFolderWidth} />
        <main className="mail" style={{ gridTemplateColumns: `${listWidth}px auto minmax(0, 1fr)` }}>
          <section className="list-pane">
            {folder ? (
              <ListPane key={refKey(folder)} folder={folder} compact={compact} open={openMessage} onOpen={openOne} picked={picked} onPick={setPicked} />
            ) : (
              accounts && <EmptyState>Add an account to see its mail here.</EmptyState>
            )}
          </section>
          <PaneSeparator label="Resize message list" width={listWidth} limits={listPaneLimits} onResize={setListWidth} />
          <section className="reader-pane">
            {picked.length > 1 ? (
              <SelectionActions
                messages={picked}
                onDone={(text) => {
                  openOne(null);
                  setPickedDone(text);
                }}
              />
            ) : openMessage ? (
              <Fragment key={refKey(openMessage)}>
                <MessageActions message={openMessage} onGone={() => openOne(null)} />
                <Reader message={openMessage} />
              </Fragment>
            ) : (
              <>
                <p role="status" className="message-actions-notice">
                  {pickedDone ?? ''}
                </p>
                <EmptyState>Select a message to read it</EmptyState>
              </>
            )}
          </section>
        </main>
      </div>
    </div>
  );
}
