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
  await store.putBody({ ...ref, ...body, fetchedAt: Date.now() });
  return 'stored';
}
