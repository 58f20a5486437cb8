/**
 * Conversation view as rows: each thread (src-shared/threading.ts) is one row showing its
 * newest message, and an expanded thread lists its messages below it, indented by reply
 * depth. Pure, so what the tree shows is tested without a browser.
 */
import { threadMessages, type Thread } from '../../../src-shared/threading';
import type { StoredMessage } from '../../cache/list-keys';
import type { ListFilter } from '../../cache/queries';
import { refKey } from '../shared/refs';
import { formatListDate, hasAttachments, isFlagged, senderLabel, subjectLabel } from './message-row';

export type ThreadedMessage = StoredMessage & { key: string };

export interface ThreadRow {
  kind: 'thread';
  key: string;
  thread: Thread<ThreadedMessage>;
  newest: ThreadedMessage;
  count: number;
  unread: number;
}

export interface ReplyRow {
  kind: 'message';
  key: string;
  message: ThreadedMessage;
  depth: number;
}

export type ConversationRow = ThreadRow | ReplyRow;

const matches: Record<ListFilter, (m: StoredMessage) => boolean> = {
  all: () => true,
  unread: (m) => m.unread === 1,
  flagged: (m) => isFlagged(m),
  attachments: (m) => hasAttachments(m),
};

/** Threads of the messages, newest activity first; a filter keeps the threads with a match. */
export function buildThreads(messages: readonly StoredMessage[], filter: ListFilter): ThreadRow[] {
  const keyed = messages.map((m) => ({ ...m, key: refKey({ accountId: m.accountId, folderPath: m.folderPath, uid: m.uid }) }));
  return threadMessages(keyed)
    .filter((thread) => thread.messages.some(({ message }) => matches[filter](message)))
    .map((thread) => {
      const newest = thread.messages.reduce((a, b) => (b.message.date > a.message.date ? b : a)).message;
      return {
        kind: 'thread',
        key: `thread:${thread.messages[0]!.message.key}`,
        thread,
        newest,
        count: thread.messages.length,
        unread: thread.messages.filter(({ message }) => message.unread === 1).length,
      };
    });
}

/** The visible rows: every thread, and the messages of the expanded ones under them. */
export function conversationRows(threads: readonly ThreadRow[], expanded: ReadonlySet<string>): ConversationRow[] {
  return threads.flatMap((thread): ConversationRow[] => {
    if (!expanded.has(thread.key) || thread.count < 2) return [thread];
    return [thread, ...thread.thread.messages.map(({ message, depth }): ReplyRow => ({ kind: 'message', key: message.key, message, depth }))];
  });
}

export function threadRowName(row: ThreadRow, now: number, locale?: string): string {
  const parts = [senderLabel(row.newest), subjectLabel(row.thread.messages[0]!.message), formatListDate(row.newest.date, now, locale)];
  if (row.count > 1) parts.push(`${row.count} messages`);
  if (row.unread > 0) parts.push(row.count > 1 ? `${row.unread} unread` : 'unread');
  if (row.thread.messages.some(({ message }) => isFlagged(message))) parts.push('flagged');
  if (row.thread.messages.some(({ message }) => hasAttachments(message))) parts.push('attachment');
  return parts.join(', ');
}
