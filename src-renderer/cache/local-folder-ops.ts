/**
 * User actions on an account whose folders are local (POP3, the offline model of RFC 1733):
 * they change the cache and nothing else, because no server holds these folders or flags.
 * Each is one strict-durability transaction, as it is acknowledged to the user at once.
 *
 * A moved message takes the target folder's next local UID; its body, attachments and POP3
 * download record follow it, so opening it later (a large message fetched in full on
 * demand) and "delete on the server when deleted here" still find it. Deleting marks the
 * download record instead of dropping it, so the message is never downloaded again.
 */
import type { Folder, MessageHeader } from '../../src-shared/model';
import { isMessageOperation, operationSchema, type FolderOperation, type MessageOperation, type Operation } from '../../src-shared/operations';
import { attachmentTables } from './attachment-store';
import type { Cache, TernDexie } from './db';
import { applyFolderChange } from './folder-changes';
import { takeLocalUids } from './local-folder-uids';
import { withFlag } from './operation-log';
import { POP3_INBOX } from './pop3-store';
import { copySnippet, dropSnippets, snippetTables } from './snippet-store';

type Key = [string, string, number];

export async function applyLocalOperation({ durable: d }: Cache, accountId: string, op: Operation): Promise<void> {
  const operation = operationSchema.parse(op);
  await d.transaction('rw', [d.messages, d.bodies, d.folders, d.pop3Uidls, d.localFolderUids, ...attachmentTables(d), ...snippetTables(d)], async () => {
    if (isMessageOperation(operation)) await applyToMessages(d, accountId, operation);
    else await applyToFolders(d, accountId, operation);
  });
}

async function applyToMessages(d: TernDexie, accountId: string, op: MessageOperation): Promise<void> {
  const keys = op.messages.map((m): Key => [accountId, op.folderPath, m.uid]);
  const headers = (await d.messages.bulkGet(keys)).filter((h): h is MessageHeader => h !== undefined);
  switch (op.kind) {
    case 'flag': {
      const changed = headers.map((h) => {
        const flags = withFlag(h.flags, op.flag, op.value);
        return { ...h, flags, unread: flags.includes('\\Seen') ? (0 as const) : (1 as const) };
      });
      await d.messages.bulkPut(changed);
      return;
    }
    case 'move':
    case 'copy': {
      if (op.target === op.folderPath) return;
      if (!(await d.folders.get([accountId, op.target]))) throw new Error(`There is no folder ${op.target}.`);
      let uid = await takeLocalUids(d, accountId, op.target, headers.length);
      for (const header of headers) await refile(d, header, op.target, uid++, op.kind === 'move');
      return;
    }
    case 'expunge':
      for (const header of headers) await remove(d, header);
      return;
    case 'to-account':
      // The engine moves mail between servers; these messages are on this computer only.
      throw new Error('Mail in a POP3 account cannot be moved or copied to another account.');
  }
}

async function applyToFolders(d: TernDexie, accountId: string, op: FolderOperation): Promise<void> {
  const folders = await d.folders.where('accountId').equals(accountId).toArray();
  const affected = (path: string) => folders.filter((f) => f.path === path || (f.delimiter !== null && f.path.startsWith(`${path}${f.delimiter}`)));
  if ((op.kind === 'folder-rename' || op.kind === 'folder-delete') && affected(op.folderPath).some((f) => f.path === POP3_INBOX)) {
    throw new Error('The Inbox cannot be renamed or deleted: new mail arrives there.');
  }
  if (op.kind === 'folder-create' && folders.some((f) => f.path === op.folderPath)) throw new Error(`${op.folderPath} exists already.`);
  if (op.kind === 'folder-rename' && folders.some((f) => f.path === op.target)) throw new Error(`${op.target} exists already.`);
  if (op.kind === 'folder-delete') {
    for (const folder of affected(op.folderPath)) for (const header of await messagesIn(d, accountId, folder.path)) await remove(d, header);
  }
  if (op.kind === 'folder-rename') {
    // The folder keeps its UIDs (nothing else numbers them), so messages move key by key.
    for (const folder of affected(op.folderPath)) await rekeyFolder(d, folder, `${op.target}${folder.path.slice(op.folderPath.length)}`);
  }
  await applyFolderChange(d, accountId, op);
}

function messagesIn(d: TernDexie, accountId: string, folderPath: string): Promise<MessageHeader[]> {
  return d.messages.where('[accountId+folderPath+uid]').between([accountId, folderPath, 0], [accountId, folderPath, Infinity], true, true).toArray();
}

async function rekeyFolder(d: TernDexie, folder: Folder, path: string): Promise<void> {
  for (const header of await messagesIn(d, folder.accountId, folder.path)) await refile(d, header, path, header.uid, true);
  const counter = await d.localFolderUids.get([folder.accountId, folder.path]);
  if (counter) {
    await d.localFolderUids.delete([folder.accountId, folder.path]);
    await d.localFolderUids.put({ ...counter, folderPath: path });
  }
}

/** Puts the message (with body and attachments) at `folderPath`/`uid`; a move also takes its download record along. */
async function refile(d: TernDexie, header: MessageHeader, folderPath: string, uid: number, move: boolean): Promise<void> {
  const from: Key = [header.accountId, header.folderPath, header.uid];
  const to = { accountId: header.accountId, folderPath, uid };
  await d.messages.put({ ...header, ...to });
  const body = await d.bodies.get(from);
  if (body) await d.bodies.put({ ...body, ...to });
  await copySnippet(d, from, to);
  const parts = await d.attachments.where('[accountId+folderPath+uid]').equals(from).toArray();
  await d.attachments.bulkPut(parts.map((part) => ({ ...part, ...to })));
  for (const part of parts) {
    const data = await d.attachmentData.get([...from, part.partId]);
    if (data) await d.attachmentData.put({ ...data, ...to });
  }
  if (!move) return;
  const record = await d.pop3Uidls.where('[accountId+folderPath+uid]').equals(from).first();
  if (record) await d.pop3Uidls.put({ ...record, folderPath, uid });
  await dropMessage(d, from, parts.map((p) => p.partId));
}

async function remove(d: TernDexie, header: MessageHeader): Promise<void> {
  const key: Key = [header.accountId, header.folderPath, header.uid];
  const record = await d.pop3Uidls.where('[accountId+folderPath+uid]').equals(key).first();
  if (record) await d.pop3Uidls.put({ ...record, deletedLocally: true });
  const parts = await d.attachments.where('[accountId+folderPath+uid]').equals(key).primaryKeys();
  await dropMessage(d, key, parts.map((k) => k[3]));
}

async function dropMessage(d: TernDexie, key: Key, partIds: readonly string[]): Promise<void> {
  await d.messages.delete(key);
  await d.bodies.delete(key);
  await dropSnippets(d, key[0], key[1], [key[2]]);
  const partKeys = partIds.map((partId): [string, string, number, string] => [...key, partId]);
  await d.attachments.bulkDelete(partKeys);
  await d.attachmentData.bulkDelete(partKeys);
}
