/**
 * Which written messages are new mail worth a notification: unread, in an Inbox, with a UID
 * above the highest one known for that Inbox. UIDs only grow within a UIDVALIDITY (RFC 3501
 * §2.3.1.1), so "above the highest known" means "arrived since". An Inbox with nothing
 * known yet (an account's first sync) only sets the mark: a new account's existing mail is
 * not news.
 */
export interface WrittenMessage {
  accountId: string;
  folderPath: string;
  uid: number;
  unread: 0 | 1;
}

export interface NewMailDetector {
  /** The highest UID already in the cache for an account's Inbox. */
  know(accountId: string, highestUid: number): void;
  /** The new mail among written messages (flag changes and older mail are not). */
  observe<T extends WrittenMessage>(written: readonly T[]): T[];
}

export function createNewMailDetector(): NewMailDetector {
  const highest = new Map<string, number>();
  return {
    know(accountId, highestUid) {
      highest.set(accountId, Math.max(highest.get(accountId) ?? 0, highestUid));
    },
    observe(written) {
      const fresh: (typeof written)[number][] = [];
      const inbox = written.filter((m) => m.folderPath.toUpperCase() === 'INBOX');
      for (const accountId of new Set(inbox.map((m) => m.accountId))) {
        const mine = inbox.filter((m) => m.accountId === accountId);
        const top = Math.max(...mine.map((m) => m.uid));
        const known = highest.get(accountId);
        if (known !== undefined) fresh.push(...mine.filter((m) => m.uid > known && m.unread === 1));
        highest.set(accountId, Math.max(known ?? 0, top));
      }
      return fresh;
    },
  };
}

/** The notification's title and text: the sender and subject of one message, or a count. */
export function notificationText(fresh: readonly { from: { name: string; address: string }[]; subject: string }[]): { title: string; body: string } {
  if (fresh.length === 1) {
    const [m] = fresh;
    const sender = m!.from[0];
    return { title: sender?.name.trim() || sender?.address || 'New message', body: m!.subject.trim() || '(no subject)' };
  }
  return { title: `${fresh.length} new messages`, body: fresh.slice(0, 3).map((m) => m.subject.trim() || '(no subject)').join(' · ') };
}
