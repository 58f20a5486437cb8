/**
 * Downloads one message's body into the cache. The size is asked first (RFC822.SIZE), so a
 * message above the limit is never transferred; parsing happens after the mailbox lock is
 * released, so a slow parse does not hold up the connection.
 */
import type { StorePort } from '../../../src-shared/store-port';
import type { ImapConnection } from '../imap/imap-connection';
import { MAX_BODY_BYTES, parseBody, tooLargeBody } from '../mime/parse-body';

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
  const download = await connection.withMailbox(ref.folderPath, async (mailbox): Promise<Download> => {
    const size = await mailbox.sizeOf(ref.uid);
    if (size === null) return { kind: 'gone' };
    if (size > maxBytes) return { kind: 'tooLarge', size };
    const source = await mailbox.sourceOf(ref.uid);
    return source === null ? { kind: 'gone' } : { kind: 'source', source };
  });
  if (download.kind === 'gone') return 'gone';
  const body = download.kind === 'tooLarge' ? tooLargeBody(download.size, maxBytes) : await parseBody(download.source, maxBytes);
  // Attachments are cached with the body (the disconnected model reads them offline) and in
  // the same transaction, so the reader never sees a body whose inline images are missing.
  const attachments = body.attachments.map(({ content, ...part }) => ({ ...ref, ...part, dataBase64: content.toString('base64') }));
  await store.putBody({ ...ref, text: body.text, html: body.html, problem: body.problem, attachments, fetchedAt: Date.now() });
  return 'stored';
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
