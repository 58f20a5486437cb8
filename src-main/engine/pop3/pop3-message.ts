/**
 * Turns a message fetched over POP3 (RETR, or TOP for a large one) into what the cache
 * stores: the list's header, read by the same code as an IMAP header fetch, and the body
 * parsed by mime/parse-body. POP3 has no flags or internal date (RFC 1939), so a new
 * message is unread and dated by its Date header, else by when it arrived here.
 */
import type { StoreArgs } from '../../../src-shared/store-port';
import { toMessageHeader } from '../imap/header-fetch';
import { parseBody } from '../mime/parse-body';

export type Pop3Download = Omit<StoreArgs<'applyPop3Download'>['downloads'][number], 'uidl'>;

/** The bytes up to and including the blank line that ends the header (RFC 5322 §2.1). */
export function headerPart(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  if (crlf !== -1) return raw.subarray(0, crlf + 2);
  const lf = raw.indexOf('\n\n');
  return lf === -1 ? raw : raw.subarray(0, lf + 1);
}

/** A whole message (RETR). `size` is the server's LIST size, which the list shows. */
export async function fullDownload(raw: Buffer, size: number, downloadedAt: number): Promise<Pop3Download> {
  const body = await parseBody(raw);
  const attachments = body.attachments.map(({ content, ...part }) => ({ ...part, dataBase64: content.toString('base64') }));
  const header = headerOf(raw, size, downloadedAt);
  return {
    downloadedAt,
    header: { ...header, hasAttachments: attachments.some((part) => !part.inline) ? 1 : 0 },
    body: { text: body.text, html: body.html, problem: body.problem },
    attachments,
  };
}

/** Only the header (TOP n 0): the body is fetched when the message is opened. */
export function headerOnlyDownload(top: Buffer, size: number, downloadedAt: number): Pop3Download {
  return { downloadedAt, header: headerOf(top, size, downloadedAt), body: null, attachments: [] };
}

function headerOf(raw: Buffer, size: number, downloadedAt: number): Pop3Download['header'] {
  // The UID is the cache's to give (a local folder's next number); 1 only satisfies the parser.
  const parsed = toMessageHeader('pop3', 'INBOX', { uid: 1, headers: headerPart(raw), flags: [], size, internalDate: new Date(downloadedAt) });
  if (parsed === null) throw new Error('unreachable: the header parser refused a valid UID');
  const { accountId: _a, folderPath: _f, uid: _u, ...header } = parsed;
  return header;
}
