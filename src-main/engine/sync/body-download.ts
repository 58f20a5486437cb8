/**
 * Downloads one message's body into the cache. The size is asked first (RFC822.SIZE), so a
 * message above the limit is never transferred; parsing happens after the mailbox lock is
 * released, so a slow parse does not hold up the connection.
 */
import type { StoreArgs, StorePort } from '../../../src-shared/store-port';
import type { ImapConnection, OpenMailbox } from '../imap/imap-connection';
import { MAX_BODY_BYTES, parseBody, tooLargeBody, type ParsedBody } from '../mime/parse-body';

export interface BodyRef {
  accountId: string;
  folderPath: string;
  uid: number;
}

type Download = { kind: 'gone' } | { kind: 'tooLarge'; size: number } | { kind: 'source'; source: Buffer };

/** Stores the body and says 'stored', or says 'gone' when the server no longer has the message. */
export async function downloadBody(
  connection: ImapConnection,
  store: StorePort,
  ref: BodyRef,
  maxBytes = MAX_BODY_BYTES,
): Promise<'stored' | 'gone'> {
  const body = await fetchBody(connection, ref, maxBytes);
  if (body === 'gone') return 'gone';
  await store.putBody(body);
  return 'stored';
}

/** The parsed body ready for the store, or 'gone'; for callers that store bodies in batches. */
export async function fetchBody(connection: ImapConnection, ref: BodyRef, maxBytes = MAX_BODY_BYTES): Promise<StoreArgs<'putBody'> | 'gone'> {
  const download = await connection.withMailbox(ref.folderPath, (mailbox) => downloadOne(mailbox, ref.uid, maxBytes));
  if (download.kind === 'gone') return 'gone';
  return forStore(ref, await parsed(download, maxBytes));
}

/** The size first (RFC822.SIZE), then the message only when it is within the limit. */
async function downloadOne(mailbox: OpenMailbox, uid: number, maxBytes: number): Promise<Download> {
  const size = await mailbox.sizeOf(uid);
  if (size === null) return { kind: 'gone' };
  if (size > maxBytes) return { kind: 'tooLarge', size };
  const source = await mailbox.sourceOf(uid);
  return source === null ? { kind: 'gone' } : { kind: 'source', source };
}

function parsed(download: Exclude<Download, { kind: 'gone' }>, maxBytes: number): Promise<ParsedBody> | ParsedBody {
  return download.kind === 'tooLarge' ? tooLargeBody(download.size, maxBytes) : parseBody(download.source, maxBytes);
}

/** A message of a folder whose size the cache already knows (its header's RFC822.SIZE). */
export interface SizedMessage {
  uid: number;
  size: number;
}

/**
 * Several bodies of one folder in one UID FETCH (the background download): one round trip
 * per batch instead of two per message. The sizes come from the cached headers — a message
 * never changes under its UID (RFC 3501 §2.3.1.1) — so a message above the limit is still
 * never transferred. Answers each message's body, or 'gone', in the order given; parsing
 * happens after the mailbox lock is released.
 */
export async function fetchBodies(
  connection: ImapConnection,
  folder: { accountId: string; folderPath: string },
  messages: readonly SizedMessage[],
  maxBytes = MAX_BODY_BYTES,
): Promise<Array<StoreArgs<'putBody'> | 'gone'>> {
  // A size of 0 is a server that did not say (header-fetch.ts): that message is asked first.
  const known = messages.filter((m) => m.size > 0 && m.size <= maxBytes).map((m) => m.uid);
  const unknown = messages.filter((m) => m.size === 0).map((m) => m.uid);
  const downloads = await connection.withMailbox(folder.folderPath, async (mailbox) => {
    const found = new Map<number, Download>();
    for (const [uid, source] of known.length > 0 ? await mailbox.sourcesOf(known) : []) found.set(uid, { kind: 'source', source });
    for (const uid of unknown) found.set(uid, await downloadOne(mailbox, uid, maxBytes));
    return found;
  });
  const bodies: Array<StoreArgs<'putBody'> | 'gone'> = [];
  for (const { uid, size } of messages) {
    const download: Download = size > maxBytes ? { kind: 'tooLarge', size } : (downloads.get(uid) ?? { kind: 'gone' });
    bodies.push(download.kind === 'gone' ? 'gone' : forStore({ ...folder, uid }, await parsed(download, maxBytes)));
  }
  return bodies;
}

function forStore(ref: BodyRef, body: ParsedBody): StoreArgs<'putBody'> {
  // Attachments are cached with the body (the disconnected model reads them offline) and in
  // the same transaction, so the reader never sees a body whose inline images are missing.
  const attachments = body.attachments.map(({ content, ...part }) => ({ ...ref, ...part, dataBase64: content.toString('base64') }));
  return { ...ref, text: body.text, html: body.html, problem: body.problem, attachments, fetchedAt: Date.now() };
}

/** How much of a message "View source" shows; beyond it the source is cut, and says so. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export interface MessageSource {
  text: string;
  /** The message's full size in bytes; more than the text holds when it was cut. */
  size: number;
  truncated: boolean;
}

/**
 * The raw message for "View source", fetched from the server on demand rather than kept
 * beside every cached body, which would double the disk the cache takes. Null when the
 * server no longer has the message.
 */
export async function downloadSource(connection: ImapConnection, ref: BodyRef): Promise<MessageSource | null> {
  const source = await connection.withMailbox(ref.folderPath, (mailbox) => mailbox.sourceOf(ref.uid));
  if (source === null) return null;
  const shown = source.subarray(0, MAX_SOURCE_BYTES);
  return { text: sourceText(shown), size: source.byteLength, truncated: shown.byteLength < source.byteLength };
}

/** 8-bit bytes that are not UTF-8 are shown one character per byte rather than as U+FFFD. */
function sourceText(bytes: Buffer): string {
  try {
    // stream: a UTF-8 sequence cut at the size limit is not an error.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return bytes.toString('latin1');
  }
}
