/**
 * A mailbox held in memory that answers like a selected IMAP mailbox, for testing the sync
 * logic without a server. It keeps RFC 3501's quirk that `n:*` matches the highest UID even
 * when every UID is below n, and records which UIDs each header FETCH asked for.
 */
import type { FetchedMessage } from '../imap/header-fetch';
import type { MailboxState, OpenMailbox } from '../imap/imap-connection';

export interface FakeMessage {
  uid: number;
  flags?: string[];
  /** The mod-sequence of the message's last change (RFC 7162); 1 when omitted. */
  modseq?: number;
  subject?: string;
  /** Stands in for the raw header fields the FETCH returns (e.g. malformed ones). */
  headers?: unknown;
}

export interface FakeServerOptions {
  /**
   * Makes the mailbox answer as a server with QRESYNC enabled (RFC 7162 §3.2.6): these
   * expunged UIDs, with the mod-sequence of their expunge, come back as VANISHED.
   */
  qresyncExpunged?: { uid: number; modseq: number }[];
}

export interface FakeMailbox extends OpenMailbox {
  /** The UIDs each header FETCH (by UID or by sequence number) covered, in order. */
  readonly headerFetches: number[][];
  /** Every call other than a header FETCH, by method name, in order. */
  readonly calls: string[];
  /** Makes the n-th header FETCH (1-based) fail, as a dropped connection would. */
  failHeaderFetch(n: number): void;
}

export function fakeMailbox(
  state: Partial<MailboxState> & { uidValidity: number },
  messages: FakeMessage[],
  server: FakeServerOptions = {},
): FakeMailbox {
  const byUid = new Map(messages.map((m) => [m.uid, m]));
  const fullState: MailboxState = { uidNext: null, highestModseq: null, exists: messages.length, ...state };
  const headerFetches: number[][] = [];
  const calls: string[] = [];
  const sortedUids = () => [...byUid.keys()].sort((a, b) => a - b);
  let failingFetch = 0;
  const sourceFor = (uid: number): Buffer | null => {
    const message = byUid.get(uid);
    return message ? Buffer.from(`Subject: ${message.subject ?? `Message ${uid}`}\r\n\r\nBody of ${uid}\r\n`) : null;
  };
  const toFetched = (m: FakeMessage): FetchedMessage => ({
    uid: m.uid,
    flags: new Set(m.flags ?? []),
    internalDate: new Date(Date.UTC(2024, 0, 1) + m.uid * 60_000),
    size: 100 + m.uid,
    headers: 'headers' in m ? m.headers : Buffer.from(`Subject: ${m.subject ?? `Message ${m.uid}`}\r\nFrom: Bob <bob@example.org>\r\n\r\n`),
  });
  return {
    state: fullState,
    headerFetches,
    calls,
    failHeaderFetch: (n) => void (failingFetch = n),
    async uidsFrom(from) {
      calls.push('uidsFrom');
      const uids = sortedUids();
      const matching = uids.filter((uid) => uid >= from);
      return matching.length > 0 || uids.length === 0 ? matching : [uids.at(-1) ?? 0];
    },
    async fetchHeaders(uids) {
      headerFetches.push([...uids]);
      if (headerFetches.length === failingFetch) throw new Error('connection lost');
      return uids.flatMap((uid) => {
        const message = byUid.get(uid);
        return message ? [toFetched(message)] : [];
      });
    },
    async fetchHeadersBySequence(first, last) {
      const uids = sortedUids().slice(first - 1, last);
      headerFetches.push(uids);
      if (headerFetches.length === failingFetch) throw new Error('connection lost');
      return uids.map((uid) => toFetched(byUid.get(uid)!));
    },
    // Enough of SEARCH for the engine's tests: the fields the fake's headers have, by
    // substring (every message is from Bob and has no To), the text, and the flags.
    async search(criteria) {
      calls.push('search');
      const contains = (value: string, part: string | undefined) => part === undefined || value.toLowerCase().includes(part.toLowerCase());
      return sortedUids().filter((uid) => {
        const message = byUid.get(uid)!;
        const flags = message.flags ?? [];
        return (
          contains(message.subject ?? `Message ${uid}`, criteria.subject) &&
          contains('Bob <bob@example.org>', criteria.from) &&
          contains('', criteria.to) &&
          contains(sourceFor(uid)!.toString(), criteria.text) &&
          (criteria.seen === undefined || flags.includes('\\Seen') === criteria.seen) &&
          (criteria.flagged === undefined || flags.includes('\\Flagged') === criteria.flagged)
        );
      });
    },
    async uidsUpTo(upTo) {
      calls.push('uidsUpTo');
      return sortedUids().filter((uid) => uid <= upTo);
    },
    async flagsChangedSince(upTo, modseq) {
      calls.push('flagsChangedSince');
      const changed = [...byUid.values()]
        .filter((m) => m.uid <= upTo && BigInt(m.modseq ?? 1) > BigInt(modseq))
        .map((m) => ({ uid: m.uid, flags: new Set(m.flags ?? []) }));
      const expunged = server.qresyncExpunged;
      const vanished = expunged ? expunged.filter((e) => e.uid <= upTo && BigInt(e.modseq) > BigInt(modseq)).map((e) => e.uid) : null;
      return { changed, vanished };
    },
    async flagsUpTo(upTo) {
      calls.push('flagsUpTo');
      return [...byUid.values()].filter((m) => m.uid <= upTo).map((m) => ({ uid: m.uid, flags: new Set(m.flags ?? []) }));
    },
    async sizeOf(uid) {
      return byUid.has(uid) ? 100 + uid : null;
    },
    async sourceOf(uid) {
      return sourceFor(uid);
    },
    async sourcesOf(uids) {
      calls.push('sourcesOf');
      const sources = new Map<number, Buffer>();
      for (const uid of uids) {
        const source = sourceFor(uid);
        if (source) sources.set(uid, source);
      }
      return sources;
    },
  };
}

/** Messages with UIDs first…last. */
export function messageRange(first: number, last: number, flags: string[] = []): FakeMessage[] {
  return Array.from({ length: last - first + 1 }, (_, i) => ({ uid: first + i, flags }));
}
