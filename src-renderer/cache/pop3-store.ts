/**
 * The cache side of a POP3 account's download (issue 7). A downloaded message, its body,
 * attachments and the record of its UIDL are written in one transaction through the
 * `durable` (strict) handle: the engine deletes the server's copy (when the account's
 * retention says so) only after this has answered, so a power cut can lose neither the
 * message nor the knowledge that it was downloaded (no duplicate on the next check).
 */
import type { Folder } from '../../src-shared/model';
import type { Pop3Record, StoreArgs, StoreResult } from '../../src-shared/store-port';
import { attachmentTables, putAttachments } from './attachment-store';
import type { Cache, TernDexie } from './db';
import { takeLocalUids } from './local-folder-uids';
import { putSnippets, snippetTables } from './snippet-store';

/** Where new POP3 mail lands; the name matches the IMAP Inbox so the unified inbox includes it. */
export const POP3_INBOX = 'INBOX';

function localInbox(accountId: string): Folder {
  return { accountId, path: POP3_INBOX, name: 'Inbox', delimiter: '/', parentPath: null, specialUse: 'inbox', subscribed: true, selectable: true };
}

export async function pop3Records({ durable: d }: Cache, accountId: string): Promise<Pop3Record[]> {
  await d.transaction('rw', [d.folders], async () => {
    if (!(await d.folders.get([accountId, POP3_INBOX]))) await d.folders.put(localInbox(accountId));
  });
  return d.pop3Uidls.where('accountId').equals(accountId).toArray();
}

type Download = StoreArgs<'applyPop3Download'>['downloads'][number];

export async function applyPop3Download({ durable: d }: Cache, { accountId, downloads }: StoreArgs<'applyPop3Download'>): Promise<StoreResult<'applyPop3Download'>> {
  return d.transaction('rw', [d.pop3Uidls, d.localFolderUids, d.messages, d.bodies, d.folders, ...attachmentTables(d), ...snippetTables(d)], async () => {
    if (!(await d.folders.get([accountId, POP3_INBOX]))) await d.folders.put(localInbox(accountId));
    const placed: StoreResult<'applyPop3Download'> = [];
    for (const download of downloads) placed.push(await storeOne(d, accountId, download));
    return placed;
  });
}

async function storeOne(d: TernDexie, accountId: string, { uidl, downloadedAt, header, body, attachments }: Download): Promise<{ folderPath: string; uid: number }> {
  const existing = await d.pop3Uidls.get([accountId, uidl]);
  if (existing) {
    // The full message of one first fetched with TOP (opened by the user), or a retry.
    if (existing.partial && body !== null && !existing.deletedLocally) {
      await putBody(d, existing, body, attachments, downloadedAt);
      await d.pop3Uidls.put({ ...existing, partial: false });
    }
    return { folderPath: existing.folderPath, uid: existing.uid };
  }
  const uid = await takeLocalUids(d, accountId, POP3_INBOX, 1);
  const ref = { accountId, folderPath: POP3_INBOX, uid };
  await d.messages.put({ ...header, ...ref });
  if (body !== null) await putBody(d, ref, body, attachments, downloadedAt);
  await d.pop3Uidls.put({ ...ref, uidl, downloadedAt, deletedLocally: false, partial: body === null });
  return { folderPath: POP3_INBOX, uid };
}

type Ref = { accountId: string; folderPath: string; uid: number };

async function putBody(
  d: TernDexie,
  { accountId, folderPath, uid }: Ref,
  body: NonNullable<Download['body']>,
  attachments: Download['attachments'],
  fetchedAt: number,
): Promise<void> {
  const ref = { accountId, folderPath, uid };
  await d.bodies.put({ ...ref, ...body, fetchedAt });
  await putAttachments(d, ref, attachments.map((part) => ({ ...part, ...ref })));
  await putSnippets(d, [{ ...ref, text: body.text }]);
}

export async function forgetPop3Uidls({ durable: d }: Cache, accountId: string, uidls: readonly string[]): Promise<void> {
  await d.pop3Uidls.bulkDelete(uidls.map((uidl) => [accountId, uidl] as [string, string]));
}
